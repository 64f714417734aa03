/** The photo-desk tests’ article: three photos, captioned, credit only, neither caption nor credit. */
export const FLOOD_MD = `# Flood waters rise in the Rhine valley

Heavy rain pushed the Rhine over its banks on Tuesday, forcing hundreds from their homes.

![Rescue workers carry a resident through flood water in Koblenz.](koblenz.jpg "Thomas Frey/dpa")

The river reached its highest level since 1993, officials said.

![](boats.jpg "KEVIN FRAYER/AFP via Getty Images")

![](street.jpg)
`

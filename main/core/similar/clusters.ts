/**
 * Near-duplicate clusters: the connected groups of a graph whose edges join items found similar
 * (estimated Jaccard ≥ the threshold). Kept incrementally: adding an item joins the groups of
 * its neighbours; removing one re-walks only its own group, which may split. Groups are small
 * (the copies of one story), so every step touches a handful of nodes.
 */
export class ClusterGraph {
  private readonly edges = new Map<number, Set<number>>()
  /** Node → its group (shared Set object among the members); only nodes with edges. */
  private readonly groups = new Map<number, Set<number>>()

  /** Add `node` with edges to `neighbours` (existing nodes); returns its group. */
  add(node: number, neighbours: Iterable<number>): ReadonlySet<number> | undefined {
    for (const n of neighbours) {
      if (n === node) continue
      this.link(node, n)
    }
    return this.groups.get(node)
  }

  /** Add one edge, merging the two groups. */
  link(a: number, b: number): void {
    edgeSet(this.edges, a).add(b)
    edgeSet(this.edges, b).add(a)
    const ga = this.groups.get(a)
    const gb = this.groups.get(b)
    if (ga && ga === gb) return
    const merged = ga && gb ? (ga.size >= gb.size ? ga : gb) : (ga ?? gb ?? new Set<number>())
    for (const g of [ga, gb]) {
      if (!g || g === merged) continue
      for (const m of g) {
        merged.add(m)
        this.groups.set(m, merged)
      }
    }
    for (const m of [a, b]) {
      merged.add(m)
      this.groups.set(m, merged)
    }
  }

  /** Remove `node` and its edges; its former group is split into what is still connected. */
  remove(node: number): void {
    const group = this.groups.get(node)
    const mine = this.edges.get(node)
    if (!group || !mine) return
    for (const n of mine) {
      const theirs = this.edges.get(n)
      theirs?.delete(node)
      if (theirs?.size === 0) this.edges.delete(n)
    }
    this.edges.delete(node)
    for (const m of group) this.groups.delete(m)
    const left = new Set(group)
    left.delete(node)
    for (const start of left) {
      if (this.groups.has(start) || !this.edges.has(start)) continue
      const component = new Set<number>([start])
      const todo = [start]
      while (todo.length > 0) {
        const x = todo.pop()!
        for (const y of this.edges.get(x) ?? []) {
          if (component.has(y)) continue
          component.add(y)
          todo.push(y)
        }
      }
      for (const m of component) this.groups.set(m, component)
    }
  }

  /** The group of `node` (itself included), or undefined when it has no near duplicate. */
  groupOf(node: number): ReadonlySet<number> | undefined {
    return this.groups.get(node)
  }

  /** The direct neighbours of `node`. */
  neighboursOf(node: number): ReadonlySet<number> {
    return this.edges.get(node) ?? EMPTY
  }

  /** Number of distinct groups (for stats). */
  get groupCount(): number {
    return new Set(this.groups.values()).size
  }

  /** Nodes that belong to a group. */
  get clusteredCount(): number {
    return this.groups.size
  }
}

const EMPTY: ReadonlySet<number> = new Set()

function edgeSet(edges: Map<number, Set<number>>, node: number): Set<number> {
  let s = edges.get(node)
  if (!s) edges.set(node, (s = new Set()))
  return s
}

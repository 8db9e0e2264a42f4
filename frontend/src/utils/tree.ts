/** Helpers for the department tree (any `{id, children}` tree). */
export interface TreeNode {
  id: number
  children: this[]
}

/** The tree without the node `id` and everything under it (a department cannot move under itself). */
export function withoutSubtree<T extends TreeNode>(nodes: readonly T[], id: number | null): T[] {
  if (id === null) return [...nodes]
  return nodes
    .filter((node) => node.id !== id)
    .map((node) => ({ ...node, children: withoutSubtree(node.children, id) }))
}

export function findNode<T extends TreeNode>(nodes: readonly T[], id: number): T | undefined {
  for (const node of nodes) {
    if (node.id === id) return node
    const found = findNode(node.children, id)
    if (found) return found
  }
  return undefined
}

/** Every id in the tree, parents before children. */
export function flattenIds(nodes: readonly TreeNode[]): number[] {
  return nodes.flatMap((node) => [node.id, ...flattenIds(node.children)])
}

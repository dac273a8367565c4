// Pure rules of the org tree: materialised paths ("/root/…/unit/") and subtree membership.

export function rootPath(id: string): string {
  return `/${id}/`;
}

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length - 1;
}

/** Is `path` the unit at `root` or below it? */
export function isWithin(path: string, root: string): boolean {
  return path.startsWith(root);
}

/** The ids on a path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Moving a unit under one of its own descendants (or itself) would make a cycle. */
export function wouldCycle(unitPath: string, newParentPath: string): boolean {
  return isWithin(newParentPath, unitPath);
}

/** The new path of a descendant when its ancestor moves from `oldPrefix` to `newPrefix`. */
export function rebase(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

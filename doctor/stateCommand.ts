import { Io } from "./io";
export const STATE_USAGE = "usage: npm run doctor -- state";
export interface StateDeps { readonly _?: never }
export async function runState(_argv: readonly string[], io: Io, _deps: StateDeps = {}): Promise<number> { io.err("todo\n"); return 2; }

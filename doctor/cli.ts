// `npm run doctor -- <command>`: the checks of a deployed world. `probe` asks the network from
// where it runs (no AWS credentials); `state` reads the live AWS state with read-only
// credentials and compares it with the plan. Exit 0 every check passes, 1 one fails, 2 bad input.
import { Io, processIo } from "./io";
import { PROBE_USAGE, ProbeDeps, runProbe } from "./probeCommand";
import { STATE_USAGE, StateDeps, runState } from "./stateCommand";

export const DOCTOR_USAGE = [
    "usage: npm run doctor -- probe --hub FILE [options]   resolve, connect and handshake every name the hub serves, from here",
    "       npm run doctor -- state --plan FILE [options]  read the live AWS state, run the plan's checks on it, report drift",
    "       npm run doctor -- <command> --help             the command's options",
].join("\n");

export async function runDoctor(argv: readonly string[], io: Io = processIo, deps: ProbeDeps & StateDeps = {}): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "probe") return runProbe(rest, io, deps);
    if (command === "state") return runState(rest, io, deps);
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
        io.out(`${DOCTOR_USAGE}\n\n${PROBE_USAGE}\n\n${STATE_USAGE}\n`);
        return command === undefined ? 2 : 0;
    }
    io.err(`error: (doctor): unknown command ${command}: probe or state\n${DOCTOR_USAGE}\n`);
    return 2;
}

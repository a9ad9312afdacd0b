// Refusals of the simulated AWS: the error name AWS gives and its sentence, so that the offline
// plan fails where `pulumi up` would, with the words the user would see there.

/**
 * Thrown for a request AWS refuses; the message starts with AWS's error code. `verbatim`: the
 * refusal is the provider's own sentence (it checks before calling AWS), shown as the provider
 * words it; `code` then only names the case for tests.
 */
export class SimAwsError extends Error {
    constructor(readonly code: string, message: string, opts: { verbatim?: boolean } = {}) {
        super(opts.verbatim ? message : `${code}: ${message}`);
        this.name = "SimAwsError";
    }
}

/**
 * An error as AWS (through the provider and the Pulumi engine) reports it: the engine hands the
 * program `details` as the message, so the program sees AWS's error name and sentence.
 */
export function awsError(code: string, message: string): SimAwsError {
    const e = new SimAwsError(code, message);
    return Object.assign(e, { details: e.message });
}

/**
 * The provider's own error for a lookup (a data source that matched nothing, or several), as the
 * engine hands it to the program: its sentence, without an AWS error code.
 */
export function providerError(message: string): SimAwsError {
    const e = new SimAwsError("ProviderLookup", message, { verbatim: true });
    return Object.assign(e, { details: e.message });
}

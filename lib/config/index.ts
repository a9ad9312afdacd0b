// The configuration model and its validator, the entry point every importer uses. Pure: no
// Pulumi import. Split by concept: the model and defaults (lib/config/model.ts), the generic
// reader and its errors (lib/config/reader.ts), the readers per key (lib/config/vpc.ts,
// lib/config/services.ts, lib/config/spokes.ts, lib/config/onPrem.ts, lib/config/quotas.ts,
// lib/config/dns.ts, lib/config/dualStack.ts) and one stack's assembly (lib/config/stack.ts).
export {
    NS, DEFAULT_QUOTAS, HARD_LIMITS, PRICE_KEYS,
} from "./model";
export type {
    ExistingVpc, NewVpc, Connectivity, SpokeEntry, OnPrem, Quotas, PriceKey, CostOptions,
    HubConfig, SpokeConfig, StackConfig, ConfigError, AcceptRamShare, ExistingEndpoint, ExistingEndpoints, ExistingZone,
} from "./model";
export { formatError, ConfigValidationError, decode } from "./reader";
export { parseStackConfig, requireStackConfig, hubStackName } from "./stack";
export { untrackedResolverReach } from "./onPrem";

// The configuration model and its validator, the entry point every importer uses. Pure: no
// Pulumi import. Split by concept: the model and defaults (lib/configModel.ts), the generic
// reader and its errors (lib/configReader.ts), the readers per key (lib/vpcConfig.ts,
// lib/servicesConfig.ts, lib/spokesConfig.ts, lib/onPremConfig.ts, lib/quotasConfig.ts,
// lib/dnsConfig.ts, lib/dualStackConfig.ts) and one stack's assembly (lib/stackConfig.ts).
export {
    NS, DEFAULT_QUOTAS, HARD_LIMITS, PRICE_KEYS,
} from "./configModel";
export type {
    ExistingVpc, NewVpc, Connectivity, SpokeEntry, OnPrem, Quotas, PriceKey, CostOptions,
    HubConfig, SpokeConfig, StackConfig, ConfigError,
} from "./configModel";
export { formatError, ConfigValidationError, decode } from "./configReader";
export { parseStackConfig, requireStackConfig, hubStackName } from "./stackConfig";

// Generated configurations for benchmarks and scale tests: one hub with `services` services
// and `spokes` spokes, each in its own account, plus each spoke's stack file. Spoke i gets the
// i-th /22 of 10.64.0.0/10, then of 10.128.0.0/10 (up to 8,192 spokes: a Transit Gateway takes
// 5,000 attachments), allocated in order as an IPAM pool would; the first `peering` spokes
// connect by VPC peering (within the default 50 peerings per VPC), the rest by Transit Gateway.
// Member files are minimal (region, role, hub: the registry says the rest) unless `fullMembers`.
import { StackFile } from "../lib/config/stackFiles";

export const BENCH_SERVICES = ["s3", "sqs", "sns", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "kms",
    "sts", "monitoring", "secretsmanager", "lambda", "events", "states"];

export const MAX_GENERATED_SPOKES = 8192;

export interface GenerateOptions {
    /** How many spokes (the first ones) peer; default 20, or half the fleet when smaller. */
    readonly peering?: number;
    /** Extra hub config keys (full names, e.g. "vpce-hub:quotas"), merged over the generated ones. */
    readonly hub?: Record<string, unknown>;
    /** Member files that declare their account and whole VPC (default), or only region, role and hub (false). */
    readonly fullMembers?: boolean;
}

/** The i-th /22 of 10.64.0.0/10, then of 10.128.0.0/10. */
export function generatedSpokeCidr(i: number): string {
    const pool = i < 4096 ? 64 : 128;
    const j = i % 4096;
    return `10.${pool + (j >> 6)}.${(j & 63) << 2}.0/22`;
}

export function generateStacks(spokes: number, services: number, options: GenerateOptions = {}): StackFile[] {
    if (spokes > MAX_GENERATED_SPOKES) throw new Error(`generateStacks: at most ${MAX_GENERATED_SPOKES} spokes (a /22 each in 10.64.0.0/10)`);
    const peering = options.peering ?? Math.min(20, Math.ceil(spokes / 2));
    const entries = Array.from({ length: spokes }, (_, i) => ({
        name: `member-${String(i + 1).padStart(3, "0")}`,
        accountId: String(200000000000 + i + 1),
        vpcId: `vpc-0${(i + 1).toString(16).padStart(16, "0")}`,
        cidr: generatedSpokeCidr(i),
        connectivity: i < peering ? "peering" : "transitGateway",
    }));
    const hub: StackFile = {
        stack: "shared", file: "(generated)", raw: {
            "aws:region": "ap-northeast-1",
            "vpce-hub:role": "hub",
            "vpce-hub:accountId": "123456789012",
            "vpce-hub:vpc": {
                id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
                subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
                routeTableIds: ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"],
            },
            "vpce-hub:services": BENCH_SERVICES.slice(0, services),
            "vpce-hub:spokes": entries,
            "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0" },
            ...options.hub,
        },
    };
    // No vpce-hub:acceptRamShare: auto accepts a RAM invitation where a member has one (outside
    // an organization) and none inside (docs/aws-rules.md, rule 19).
    const minimal = options.fullMembers === false;
    return [hub, ...entries.map((e, i): StackFile => ({
        stack: e.name, file: "(generated)", raw: {
            "aws:region": "ap-northeast-1",
            "vpce-hub:role": "spoke",
            ...(minimal ? {} : { "vpce-hub:accountId": e.accountId }),
            "vpce-hub:hubStack": "acme/vpce-hub/shared",
            ...(minimal ? {} : {
                "vpce-hub:vpc": {
                    id: e.vpcId, cidr: e.cidr,
                    subnetIds: [`subnet-0${(i + 1).toString(16).padStart(12, "0")}a1`, `subnet-0${(i + 1).toString(16).padStart(12, "0")}a2`],
                    routeTableIds: [`rtb-0${(i + 1).toString(16).padStart(12, "0")}a1`],
                },
            }),
        },
    }))];
}

// Generated configurations for benchmarks and scale tests: one hub with `services` services
// and `spokes` spokes (alternately peering and Transit Gateway, each in its own account),
// plus each spoke's stack file. Peering spokes stay within the default 50 peerings per VPC.
import { StackFile } from "./plan";

export const BENCH_SERVICES = ["s3", "sqs", "sns", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "kms",
    "sts", "monitoring", "secretsmanager", "lambda", "events", "states"];

export function generateStacks(spokes: number, services: number): StackFile[] {
    if (spokes > 250) throw new Error("generateStacks: at most 250 spokes (10.<i+1>.0.0/16)");
    const entries = Array.from({ length: spokes }, (_, i) => ({
        name: `member-${String(i + 1).padStart(3, "0")}`,
        accountId: String(200000000000 + i + 1),
        vpcId: `vpc-0${(i + 1).toString(16).padStart(16, "0")}`,
        cidr: `10.${i + 1}.0.0/16`,
        // Every other spoke peers, up to the 50 peerings a VPC holds by default.
        connectivity: i % 2 === 0 && i < 100 ? "peering" : "transitGateway",
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
        },
    };
    return [hub, ...entries.map((e, i): StackFile => ({
        stack: e.name, file: "(generated)", raw: {
            "aws:region": "ap-northeast-1",
            "vpce-hub:role": "spoke",
            "vpce-hub:accountId": e.accountId,
            "vpce-hub:hubStack": "acme/vpce-hub/shared",
            "vpce-hub:acceptRamShare": String(e.connectivity === "transitGateway"),
            "vpce-hub:vpc": {
                id: e.vpcId, cidr: e.cidr,
                subnetIds: [`subnet-0${(i + 1).toString(16).padStart(12, "0")}a1`, `subnet-0${(i + 1).toString(16).padStart(12, "0")}a2`],
                routeTableIds: [`rtb-0${(i + 1).toString(16).padStart(12, "0")}a1`],
            },
        },
    }))];
}

// The pure half of the deployments project, one module per concept: the stacks and their files
// (stacks.ts), the order Deployments runs them in (graph.ts), this project's config (config.ts)
// and what each stack's settings say (plan.ts). No Pulumi import anywhere below.
export * from "./stacks";
export * from "./graph";
export * from "./config";
export * from "./plan";

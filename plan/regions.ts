// The AWS regions a stack may name: the provider's own list (@pulumi/aws's Region enum, the
// regions its version knows), so a typo such as ap-northeast-9 fails the plan instead of
// planning a region that does not exist. A region newer than the installed provider is
// refused too: the provider could not deploy to it either (upgrade @pulumi/aws).
import { Region } from "@pulumi/aws/types/enums";
import { editDistance } from "../lib/didYouMean";

export const AWS_REGIONS: readonly string[] = Object.values(Region);

/** Undefined for a known region, else what to tell the user. */
export function unknownRegion(region: string): string | undefined {
    if (AWS_REGIONS.includes(region)) return undefined;
    const lower = region.toLowerCase();
    if (AWS_REGIONS.includes(lower)) return `${region} is not an AWS region: region names are lower case (did you mean ${lower}?)`;
    const scored = AWS_REGIONS.map(r => ({ r, d: editDistance(lower, r) }));
    const best = Math.min(...scored.map(x => x.d));
    const close = best <= 2 ? scored.filter(x => x.d === best).map(x => x.r) : [];
    const hint = close.length ? ` (did you mean ${close.length === 1 ? close[0] : `${close.slice(0, -1).join(", ")} or ${close[close.length - 1]}`}?)` : "";
    return `${region} is not an AWS region that @pulumi/aws knows (its Region list has ${AWS_REGIONS.length})${hint}`;
}

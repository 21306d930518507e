import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { Built } from "./handover";

/**
 * The linked libraries of every StakingPools contract (contracts/staking/libraries: unbonding segments and the
 * reward drip, linked to keep the pools under the contract size limit). An economy's staking builder deploys its
 * pool contract with `{ libraries: futures }`.
 * Hand-over: none (libraries hold no roles).
 */
export function buildStakingLibraries(m: IgnitionModuleBuilder) {
  const futures = { UnbondingSegments: m.library("UnbondingSegments"), RewardDrip: m.library("RewardDrip") };
  const built: Built<typeof futures> = { futures, handover: [] };
  return built;
}

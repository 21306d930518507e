import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { AccountRuntimeValue, ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { ZeroAddress } from "ethers";
import { ROLES } from "../blocks/roles";
import { buildStakingLibraries } from "../blocks/staking";
import type { KitVotes } from "../modules/Kit";

/**
 * QUIV with its genesis allocation (parameters `genesisRecipients`, `genesisAmounts`: addresses and wei).
 * Hand-over: QUIV's DEFAULT_ADMIN_ROLE (it administers MINTER_ROLE) to the timelock.
 */
export function buildQuivToken(m: IgnitionModuleBuilder, d: { admin: AccountRuntimeValue }) {
  const quiv = m.contract("QuivToken", [
    d.admin,
    m.getParameter<string[]>("genesisRecipients", []),
    m.getParameter<bigint[]>("genesisAmounts", []),
  ]);
  return {
    futures: { quiv },
    handover: [{ label: "Quiv", contract: quiv, roles: [ROLES.DEFAULT_ADMIN] }],
  };
}

/**
 * ProviderStaking on QUIV and the registry, its insurance fund `insuranceFund` (the preset points it at the
 * Treasury once that exists). Hand-over: APPEAL_ROLE and DEFAULT_ADMIN_ROLE to the timelock; SLASHER_ROLE and
 * MARKET_ROLE are granted by the preset to the DisputeManager and the marketplace.
 */
export function buildProviderStaking(
  m: IgnitionModuleBuilder,
  d: {
    quiv: ContractFuture<string>;
    registry: ContractFuture<string>;
    admin: AccountRuntimeValue;
    insuranceFund: AccountRuntimeValue | string | ReturnType<IgnitionModuleBuilder["getParameter"]>;
  },
) {
  const libs = buildStakingLibraries(m);
  const staking = m.contract("ProviderStaking", [d.quiv, d.registry, d.admin, d.insuranceFund], {
    libraries: libs.futures,
  });
  return {
    futures: { staking },
    handover: [...libs.handover, { label: "Staking", contract: staking, roles: [ROLES.APPEAL, ROLES.DEFAULT_ADMIN] }],
  };
}

/**
 * QUIVer's vote sources, deployed inside the kit module: QUIV (weight `quivWeightBps`, default 1x) and staked QUIV
 * in ProviderStaking (weight `stakedWeightBps`, default 1.5x; it wraps the first source). The council budgets are
 * `tokenBudget` QUIV (default 1M) and `ethBudget` ETH (default 10) per budget period.
 */
export function buildQuiverVotes(
  m: IgnitionModuleBuilder,
  kit: { registry: ContractFuture<string>; deployer: AccountRuntimeValue },
) {
  const token = buildQuivToken(m, { admin: kit.deployer });
  const { quiv } = token.futures;
  const pool = buildProviderStaking(m, {
    quiv,
    registry: kit.registry,
    admin: kit.deployer,
    insuranceFund: kit.deployer,
  });
  const { staking } = pool.futures;
  const votes: KitVotes<{ quiv: typeof quiv; staking: typeof staking }> = {
    futures: { quiv, staking },
    handover: [...token.handover, ...pool.handover],
    sources: [
      { token: quiv, weightBps: m.getParameter("quivWeightBps", 10_000) },
      { token: staking, weightBps: m.getParameter("stakedWeightBps", 15_000), wrapsFirst: true },
    ],
    budgets: [
      { token: quiv, amount: m.getParameter("tokenBudget", 1_000_000n * 10n ** 18n) },
      { token: ZeroAddress, amount: m.getParameter("ethBudget", 10n * 10n ** 18n) },
    ],
  };
  return votes;
}

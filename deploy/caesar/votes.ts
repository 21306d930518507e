import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { AccountRuntimeValue, ContractFuture, Future } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { ZeroAddress } from "ethers";
import { ROLES } from "../blocks/roles";
import type { KitVotes, KitVotesArgs } from "../modules/Kit";

/** Decimals offset of the wCAESAR static votes wrapper (shares have 18 + 3 decimals). */
export const WRAPPER_DECIMALS_OFFSET = 3n;

/**
 * CaesarToken with its genesis allocation (parameters `genesisRecipients`, `genesisAmounts`). Its constructor needs
 * a fee distributor and a stability reserve, which do not exist yet inside the kit module (the distributor needs
 * the token, the reserve is the timelock): both start as the registry (a contract that never holds CAESAR), and the
 * preset moves them with `setFeeDistributor` / `setStabilityReserve` and makes the registry decaying again.
 * Hand-over: its DEFAULT_ADMIN_ROLE.
 */
export function buildCaesarToken(
  m: IgnitionModuleBuilder,
  d: { admin: AccountRuntimeValue; registry: ContractFuture<string>; after?: readonly Future[] },
) {
  const caesar = m.contract(
    "CaesarToken",
    [
      d.admin,
      d.registry,
      d.registry,
      d.registry,
      [],
      m.getParameter<string[]>("genesisRecipients", []),
      m.getParameter<bigint[]>("genesisAmounts", []),
    ],
    { after: [...(d.after ?? [])] },
  );
  return {
    futures: { caesar },
    handover: [{ label: "Caesar", contract: caesar, roles: [ROLES.DEFAULT_ADMIN] }],
  };
}

/**
 * CAESAR's vote source, deployed inside the kit module after the kit seeds the registry with the CAESAR catalogue
 * (`kit.seeded`: CaesarToken's constructor reads it): the kit StaticVotesWrapper over CAESAR ("Wrapped CAESAR",
 * wCAESAR, ERC-5805 on the timestamp clock). CaesarToken itself has no checkpoints (balances decay every day, so a
 * checkpoint would be stale the day after), so votes are counted in wrapper shares, which never change while the
 * CAESAR each share is worth decays: voting power never escapes the holding fee. The wrapper holds users' money, so
 * it is FeeFree (it decays, but deposits and redeems pay no transfer fee), set by the kit wiring `WrapperFeeFree`.
 * Budgets: `tokenBudget` CAESAR (default 100,000) and `ethBudget` ETH (default 10) per budget period.
 */
export function buildCaesarVotes(m: IgnitionModuleBuilder, kit: KitVotesArgs) {
  const token = buildCaesarToken(m, { admin: kit.deployer, registry: kit.registry, after: kit.seeded });
  const { caesar } = token.futures;
  const wrapper = m.contract("StaticVotesWrapper", [caesar, "Wrapped CAESAR", "wCAESAR", WRAPPER_DECIMALS_OFFSET]);
  const feeFree = m.call(caesar, "setKind", [wrapper, 3n], { id: "WrapperFeeFree" });
  const votes: KitVotes<{ caesar: typeof caesar; wrapper: typeof wrapper }> = {
    futures: { caesar, wrapper },
    handover: token.handover,
    sources: [{ token: wrapper, weightBps: m.getParameter("wrapperWeightBps", 10_000) }],
    budgets: [
      { token: caesar, amount: m.getParameter("tokenBudget", 100_000n * 10n ** 18n) },
      { token: ZeroAddress, amount: m.getParameter("ethBudget", 10n * 10n ** 18n) },
    ],
    wiring: [feeFree],
  };
  return votes;
}

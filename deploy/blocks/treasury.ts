import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType, ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import type { Built } from "./handover";

const DAY = 86_400;

/** One council budget line: a token (the zero address is ETH) and its wei per budget period. */
export interface BudgetArg {
  readonly token: ArgumentType;
  readonly amount: ArgumentType;
}

/**
 * The Treasury, owned by the timelock, with the council Safe spending up to `budgets` per `budgetPeriod`
 * (seconds, read from the calling module's parameters, default 30 days). It names no token: the caller lists them.
 * Hand-over: none (the timelock owns it from construction).
 */
export function buildTreasury(
  m: IgnitionModuleBuilder,
  d: { timelock: ContractFuture<string>; council: ContractFuture<string>; budgets: readonly BudgetArg[] },
) {
  const treasury = m.contract("Treasury", [
    d.timelock,
    d.council,
    m.getParameter("budgetPeriod", 30 * DAY),
    d.budgets.map((b) => b.token),
    d.budgets.map((b) => b.amount),
  ]);
  const built: Built<{ treasury: typeof treasury }> = { futures: { treasury }, handover: [] };
  return built;
}

import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type {
  AccountRuntimeValue,
  CallableContractFuture,
  ContractFuture,
  Future,
} from "@nomicfoundation/ignition-core/dist/src/types/module";
import { ROLES } from "./roles";

/** One contract whose admin roles move from the deployer to the timelock. */
export interface HandoverItem {
  /** Short name used in future ids ("Quiv", "Staking", ...). */
  readonly label: string;
  readonly contract: CallableContractFuture<string>;
  /** Role ids the deployer holds and the timelock receives, in any order (DEFAULT_ADMIN is renounced last). */
  readonly roles: readonly string[];
}

/**
 * What every builder of deploy/blocks and deploy/<economy> returns: its futures by name, and the contracts whose
 * deployer-held roles it leaves for the hand-over (a preset concatenates these lists and passes them to
 * {@link handOver}; nobody keeps a hand-written list).
 */
export interface Built<F> {
  readonly futures: F;
  readonly handover: readonly HandoverItem[];
}

/**
 * Grants every listed role to the timelock and then renounces the deployer's, after `after` (all wiring the
 * deployer still had to do as admin). The DEFAULT_ADMIN_ROLE (0x00) is renounced last on each contract, so a
 * failure part-way never leaves a contract without an admin.
 * @returns the renounce futures, for modules that need to wait for the hand-over
 */
export function handOver(
  m: IgnitionModuleBuilder,
  timelock: ContractFuture<string>,
  deployer: AccountRuntimeValue,
  items: readonly HandoverItem[],
  after: readonly Future[],
): Future[] {
  const ADMIN = ROLES.DEFAULT_ADMIN;
  const done: Future[] = [];
  for (const item of items) {
    const grants = item.roles.map((role, i) =>
      m.call(item.contract, "grantRole", [role, timelock], { id: `${item.label}GrantTimelock${i}`, after: [...after] }),
    );
    const others = item.roles.filter((r) => r !== ADMIN);
    const renounceOthers = others.map((role, i) =>
      m.call(item.contract, "renounceRole", [role, deployer], { id: `${item.label}Renounce${i}`, after: grants }),
    );
    if (item.roles.includes(ADMIN)) {
      done.push(
        m.call(item.contract, "renounceRole", [ADMIN, deployer], {
          id: `${item.label}RenounceAdmin`,
          after: [...grants, ...renounceOthers],
        }),
      );
    } else {
      done.push(...renounceOthers);
    }
  }
  return done;
}

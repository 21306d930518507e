import { ZeroHash, id } from "ethers";

/** AccessControl role ids used by the deploy modules (each is `keccak256(name)`, DEFAULT_ADMIN is 0x00). */
export const ROLES = {
  DEFAULT_ADMIN: ZeroHash,
  PROPOSER: id("PROPOSER_ROLE"),
  EXECUTOR: id("EXECUTOR_ROLE"),
  CANCELLER: id("CANCELLER_ROLE"),
  PARAMETER_ADMIN: id("PARAMETER_ADMIN_ROLE"),
  MINTER: id("MINTER_ROLE"),
  COUNCIL: id("COUNCIL_ROLE"),
  SLASHER: id("SLASHER_ROLE"),
  MARKET: id("MARKET_ROLE"),
  APPEAL: id("APPEAL_ROLE"),
  PRICING_ADMIN: id("PRICING_ADMIN_ROLE"),
  GOVERNANCE: id("GOVERNANCE_ROLE"),
  DISPUTE: id("DISPUTE_ROLE"),
} as const;

/**
 * The PricingOracle: its one public write, `poke()` (anyone, once per update interval: EMAs, reference prices and
 * the network fee move; mirrored by `poke` in the core layer).
 */
import { parseAddress } from "../../kit/core/units";
import { writeRequest, type WriteRequest } from "../../kit/tx/request";
import { ORACLE_ABI, type PricingOracle } from "../chain/contracts";

/**
 * `PricingOracle.poke()`: updates prices and the network fee (reverts before the update interval has passed).
 *
 * @example
 * await send(wallet, buildPoke(oracleAddress));
 */
export function buildPoke(oracle: string): WriteRequest<PricingOracle, "poke"> {
  return writeRequest(ORACLE_ABI, parseAddress(oracle, "oracle"), "poke", []);
}

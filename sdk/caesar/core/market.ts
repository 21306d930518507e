/**
 * Constant-product arithmetic of CAESAR's Uniswap V2 market (0.3% fee), for quoting a gate trade and for sizing
 * the trade that brings the pool's spot price to a target (the arbitrageur's question). Both reserves are in wei;
 * a price is quote wei per CAESAR wei in WAD, as the controller reads it when both tokens have 18 decimals.
 */
import { InvalidArgumentError } from "../../kit/core/errors";
import { WAD } from "../../kit/core/math";

/** Uniswap V2's `getAmountOut`: what `amountIn` buys from a pool holding `reserveIn` / `reserveOut` (0.3% fee). */
export function amountOutV2(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn < 0n || reserveIn <= 0n || reserveOut <= 0n) {
    throw new InvalidArgumentError("amountOutV2: the reserves must be positive and the input non-negative", {
      details: { amountIn, reserveIn, reserveOut },
    });
  }
  const withFee = amountIn * 997n;
  return (withFee * reserveOut) / (reserveIn * 1_000n + withFee);
}

/** floor(sqrt(x)) by Newton's method. */
export function isqrt(x: bigint): bigint {
  if (x < 0n) throw new InvalidArgumentError("isqrt of a negative number", { details: { x } });
  if (x < 2n) return x;
  let r = x;
  let y = (x + 1n) / 2n;
  while (y < r) {
    r = y;
    y = (x / y + y) / 2n;
  }
  return r;
}

/** The pool's spot price: quote wei per CAESAR wei, WAD. */
export function spotPriceWad(caesarReserve: bigint, quoteReserve: bigint): bigint {
  if (caesarReserve <= 0n) throw new InvalidArgumentError("spotPriceWad: empty CAESAR reserve");
  return (quoteReserve * WAD) / caesarReserve;
}

/** The trade that moves the spot price to `targetWad`: a buy paying `amountIn` quote wei, or a sell of CAESAR wei. */
export interface TradeToPrice {
  readonly side: "buy" | "sell" | "none";
  readonly amountIn: bigint;
}

/**
 * Sizes the trade that brings the spot price of a pool holding `caesarReserve` / `quoteReserve` to `targetWad`.
 * A buy of x quote wei leaves the pool at (q + x) / (c - out(x)) with out(x) Uniswap V2's output (the 0.3% fee stays
 * in the pool), so x solves 997x^2 + 1997qx + 1000q(q - pc) = 0; a sell of y CAESAR wei solves the mirror
 * 997y^2 + 1997cy + 1000c(c - q/p) = 0. The root is rounded down, so the trade lands at the target or just short of
 * it, never beyond. Transfer fees of the token are not counted (a gate trade's bonus or penalty moves the pool too).
 */
export function tradeToPrice(caesarReserve: bigint, quoteReserve: bigint, targetWad: bigint): TradeToPrice {
  if (caesarReserve <= 0n || quoteReserve <= 0n || targetWad <= 0n) {
    throw new InvalidArgumentError("tradeToPrice: the reserves and the target must be positive", {
      details: { caesarReserve, quoteReserve, targetWad },
    });
  }
  const spot = spotPriceWad(caesarReserve, quoteReserve);
  if (spot < targetWad) {
    const x = positiveRoot(quoteReserve, (targetWad * caesarReserve) / WAD);
    return x > 0n ? { side: "buy", amountIn: x } : NONE;
  }
  if (spot > targetWad) {
    const y = positiveRoot(caesarReserve, (quoteReserve * WAD) / targetWad);
    return y > 0n ? { side: "sell", amountIn: y } : NONE;
  }
  return NONE;
}

/** floor of the positive root of 997z^2 + 1997rz + 1000r(r - goal) = 0 (0 when goal <= r). */
function positiveRoot(r: bigint, goal: bigint): bigint {
  if (goal <= r) return 0n;
  const d = 1_997n * 1_997n * r * r + 3_988_000n * r * (goal - r);
  return (isqrt(d) - 1_997n * r) / 1_994n;
}

const NONE: TradeToPrice = { side: "none", amountIn: 0n };

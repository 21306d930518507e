/**
 * Any ERC-20 of a deployment, typed only on the standard: metadata, and which of the optional extensions it has
 * (EIP-2612 permit, ERC-5805 votes), found by calling their views. The kit's own token readers
 * (`readTokenInfo`, `readAccount`) are typed on the kit's CappedVotesToken; these work for every token a preset
 * deploys (CAESAR's demurrage token, wrappers, BPCI's GEN, NEX, FLX, AUR).
 */
import { Contract, ZeroAddress, type ContractRunner } from "ethers";
import { parseAddress } from "../core/units";

/** The views this module calls: ERC-20 metadata, EIP-2612's nonces and domain, ERC-5805's delegates and clock. */
export const ERC20_PROBE_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function nonces(address) view returns (uint256)",
  "function DOMAIN_SEPARATOR() view returns (bytes32)",
  "function delegates(address) view returns (address)",
  "function getVotes(address) view returns (uint256)",
  "function CLOCK_MODE() view returns (string)",
  "function balanceOf(address) view returns (uint256)",
  "function allowance(address, address) view returns (uint256)",
  "function totalMinted() view returns (uint256)",
  "function totalBurned() view returns (uint256)",
  "function cap() view returns (uint256)",
] as const;

/** Metadata of an ERC-20 as it reports it. */
export interface Erc20Meta {
  readonly address: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** Which optional token extensions a contract answers. */
export interface Erc20Features {
  /** EIP-2612: `nonces(owner)` and `DOMAIN_SEPARATOR()` answer. */
  readonly permit: boolean;
  /** ERC-5805: `delegates(account)`, `getVotes(account)`, `nonces(owner)` and `CLOCK_MODE()` answer. */
  readonly votes: boolean;
}

/**
 * An untyped handle on any ERC-20 with the views of {@link ERC20_PROBE_ABI} (extensions a token lacks revert).
 *
 * @example
 * await connectErc20(genAddress, provider).allowance(owner, spender);
 */
export function connectErc20(address: string, runner: ContractRunner): Contract {
  return new Contract(parseAddress(address, "token"), ERC20_PROBE_ABI, runner);
}

const probe = connectErc20;

/** True when the call answers (any value), false when it reverts or returns nothing decodable. */
async function answers(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch {
    return false;
  }
}

/**
 * The token's name, symbol and decimals, or `undefined` when the contract does not answer them all (not an ERC-20
 * with metadata: a feed, a staking contract, an account without code).
 *
 * @example
 * await readErc20Meta(genAddress, provider); // { address, name: "Genesis", symbol: "GEN", decimals: 18 }
 */
export async function readErc20Meta(address: string, runner: ContractRunner): Promise<Erc20Meta | undefined> {
  const t = probe(address, runner);
  try {
    const [name, symbol, decimals] = await Promise.all([t.name(), t.symbol(), t.decimals(), t.totalSupply()]);
    return { address: parseAddress(address, "token"), name, symbol, decimals: Number(decimals) };
  } catch {
    return undefined;
  }
}

/**
 * Which of EIP-2612 and ERC-5805 the token has, by calling their views (no state change, no gas).
 *
 * @example
 * (await readErc20Features(caesarAddress, provider)).votes; // false: CAESAR balances decay, its wrapper votes
 */
export async function readErc20Features(address: string, runner: ContractRunner): Promise<Erc20Features> {
  const t = probe(address, runner);
  const [nonces, domain, delegates, votes, clock] = await Promise.all([
    answers(() => t.nonces(ZeroAddress)),
    answers(() => t.DOMAIN_SEPARATOR()),
    answers(() => t.delegates(ZeroAddress)),
    answers(() => t.getVotes(ZeroAddress)),
    answers(() => t.CLOCK_MODE()),
  ]);
  return { permit: nonces && domain, votes: nonces && delegates && votes && clock };
}

/**
 * The optional supply counters of the kit's capped tokens (`totalMinted`, `totalBurned`, `cap`), each `undefined`
 * where the token has none.
 *
 * @example
 * (await readSupplyCounters(caesarAddress, provider)).cap; // undefined: CAESAR has no cap counter
 */
export async function readSupplyCounters(
  address: string,
  runner: ContractRunner,
): Promise<{ totalMinted?: bigint; totalBurned?: bigint; cap?: bigint }> {
  const t = probe(address, runner);
  const opt = (f: () => Promise<bigint>) => f().catch(() => undefined);
  const [totalMinted, totalBurned, cap] = await Promise.all([
    opt(() => t.totalMinted()),
    opt(() => t.totalBurned()),
    opt(() => t.cap()),
  ]);
  return { totalMinted, totalBurned, cap };
}

/**
 * BPCI billing meter, the off-chain half: usage records, their totals and their Merkle tree, built with
 * `@openzeppelin/merkle-tree`'s StandardMerkleTree so that a root and a proof made here verify in
 * `contracts/bpci/billing/BillingMeter.sol` (OpenZeppelin MerkleProof) and the other way round (test:
 * test/bpci/billing/BillingMeter.test.ts). Pure: no provider, no I/O.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { RuleError } from "../../kit/core/errors";

/** One usage record: the contract's `IBillingMeter.Record`, field for field. */
export interface UsageRecord {
  /** The account that used the service. */
  readonly user: string;
  /** Service type (0..255; the seed's ten PoE job types are 0..9). */
  readonly service: number;
  /** Units of resource consumed (service-defined). */
  readonly resource: bigint;
  /** Cost in GEN, NEX, FLX and AUR wei. */
  readonly gen: bigint;
  readonly nex: bigint;
  readonly flx: bigint;
  readonly aur: bigint;
  /** Value in USD with 18 decimals (priced off-chain from the period's feed). */
  readonly usd: bigint;
}

/** A settlement's totals: the sums of the cost columns and of the USD values (`IBillingMeter.Totals`). */
export interface BillingTotals {
  readonly gen: bigint;
  readonly nex: bigint;
  readonly flx: bigint;
  readonly aur: bigint;
  readonly usd: bigint;
}

/** The Solidity types of a leaf, in the order of `IBillingMeter.Record` (the contract's `leafOf` encodes the same). */
export const RECORD_LEAF_TYPES = [
  "address",
  "uint8",
  "uint256",
  "uint256",
  "uint256",
  "uint256",
  "uint256",
  "uint256",
] as const;

/** The settlement states of `IBillingMeter.SettlementState`, by value. */
export const SettlementState = { None: 0, Committed: 1, Final: 2, Expired: 3, Cancelled: 4 } as const;
export type SettlementStateName = keyof typeof SettlementState;

type Leaf = [string, number, bigint, bigint, bigint, bigint, bigint, bigint];

function leafOf(r: UsageRecord): Leaf {
  return [r.user, r.service, r.resource, r.gen, r.nex, r.flx, r.aur, r.usd];
}

/**
 * Checks one record's fields against their Solidity types (the tree would encode an out-of-range value
 * differently from the contract); throws a RuleError naming the field.
 */
export function validateRecord(r: UsageRecord, index = 0): void {
  const bad = (field: string, why: string) =>
    new RuleError(`record ${index}: ${field} ${why}`, { errorName: "BillingInvalidRecord", args: [index, field] });
  if (!/^0x[0-9a-fA-F]{40}$/.test(r.user)) throw bad("user", "is not an address");
  if (!Number.isInteger(r.service) || r.service < 0 || r.service > 255) throw bad("service", "is not a uint8");
  for (const f of ["resource", "gen", "nex", "flx", "aur", "usd"] as const) {
    if (typeof r[f] !== "bigint" || r[f] < 0n || r[f] >= 2n ** 256n) throw bad(f, "is not a uint256");
  }
}

/**
 * The totals of `records` (what the payer owes).
 *
 * @example
 * totalsOf([{ user, service: 0, resource: 1n, gen: 1n, nex: 2n, flx: 3n, aur: 4n, usd: 5n }]);
 * // { gen: 1n, nex: 2n, flx: 3n, aur: 4n, usd: 5n }
 */
export function totalsOf(records: readonly UsageRecord[]): BillingTotals {
  const t = { gen: 0n, nex: 0n, flx: 0n, aur: 0n, usd: 0n };
  for (const r of records) {
    t.gen += r.gen;
    t.nex += r.nex;
    t.flx += r.flx;
    t.aur += r.aur;
    t.usd += r.usd;
  }
  return t;
}

/** A period's records as a tree: its root, totals, and a proof per record index. */
export interface BillingTree {
  readonly root: string;
  readonly totals: BillingTotals;
  readonly records: readonly UsageRecord[];
  /** The proof of record `index` (as `verify` on-chain takes it). */
  proof(index: number): string[];
  /** Whether `record` with `proof` is in a tree of root `root` (the same check as the contract's `verify`). */
  verify(record: UsageRecord, proof: readonly string[]): boolean;
  /** The tree's JSON dump (StandardMerkleTree format), to publish beside the root. */
  dump(): unknown;
}

/**
 * Builds the settlement tree of `records` (at least one; each validated).
 *
 * @example
 * const tree = buildBillingTree(records);
 * await meter.commit(period, tree.root, records.length, payer, tree.totals);
 * await meter.verify(id, records[3], tree.proof(3)); // true
 */
export function buildBillingTree(records: readonly UsageRecord[]): BillingTree {
  if (records.length === 0) {
    throw new RuleError("a settlement needs at least one record", { errorName: "BillingEmptySettlement", args: [] });
  }
  records.forEach(validateRecord);
  const tree = StandardMerkleTree.of(records.map(leafOf), [...RECORD_LEAF_TYPES]);
  return {
    root: tree.root,
    totals: totalsOf(records),
    records,
    proof: (index: number) => tree.getProof(index),
    verify: (record: UsageRecord, proof: readonly string[]) =>
      StandardMerkleTree.verify(tree.root, [...RECORD_LEAF_TYPES], leafOf(record), [...proof]),
    dump: () => tree.dump(),
  };
}

/**
 * Parses records from JSON (numbers as decimal strings or numbers; the format `kit bpci billing` reads): an array of
 * objects with the fields of {@link UsageRecord}.
 */
export function parseRecords(json: unknown): UsageRecord[] {
  if (!Array.isArray(json)) {
    throw new RuleError("records: expected a JSON array", { errorName: "BillingInvalidRecord", args: [] });
  }
  return json.map((raw, i) => {
    const o = raw as Record<string, unknown>;
    const big = (f: string): bigint => {
      const v = o[f];
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "bigint") {
        throw new RuleError(`record ${i}: ${f} is missing`, { errorName: "BillingInvalidRecord", args: [i, f] });
      }
      try {
        return BigInt(v);
      } catch {
        throw new RuleError(`record ${i}: ${f} is not an integer`, { errorName: "BillingInvalidRecord", args: [i, f] });
      }
    };
    const r: UsageRecord = {
      user: String(o.user ?? ""),
      service: Number(o.service),
      resource: big("resource"),
      gen: big("gen"),
      nex: big("nex"),
      flx: big("flx"),
      aur: big("aur"),
      usd: big("usd"),
    };
    validateRecord(r, i);
    return r;
  });
}

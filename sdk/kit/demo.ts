/**
 * What `npm run demo` hands each preset's demo steps (`Preset.demoSteps`): the preset's fresh deployment, the
 * development chain's accounts, its clock and a logger. The demo script builds it from the Hardhat runtime; a
 * preset's steps use only the SDK on it, so the story lives with the preset and the script names none.
 */
import type { BaseContract, Provider, Signer } from "ethers";
import type { AddressBook } from "./chain/addressBook";

/** An unlocked account of the development chain. */
export type DemoAccount = Signer & { readonly address: string };

/** The development chain's clock (it can be moved forward). */
export interface DemoClock {
  /** Timestamp of the latest block. */
  latest(): Promise<bigint>;
  /** Mines a block at `timestamp` (at least the latest one). */
  increaseTo(timestamp: bigint): Promise<void>;
}

/** One preset's deployment as its demo steps see it. */
export interface DemoContext {
  /** Address book of the preset's deployment. */
  readonly book: AddressBook;
  /** A read-only connection to the chain. */
  readonly provider: Provider;
  /** The chain's accounts in order (#0 deployed the preset). */
  readonly accounts: readonly DemoAccount[];
  readonly clock: DemoClock;
  /** Deploys a test contract by artifact name (harnesses that show an SDK mirror matches the chain). */
  readonly deployContract: (name: string, args?: readonly unknown[]) => Promise<BaseContract>;
  /** Prints one indented line of the current step. */
  readonly log: (line: string) => void;
}

/**
 * CAESAR test fixtures: the kit ParameterRegistry seeded from the SDK catalogue (sdk/caesar/core/parameters.ts,
 * with per-fixture overrides inside the catalogue bounds) and a CaesarToken with a genesis allocation. The Caesar
 * Ignition preset comes with part 2; until then the fixtures deploy the contracts directly.
 */
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { CAESAR_PARAMETERS, parameterKey } from "../../sdk/caesar/core/parameters";
import { WRAPPER_DECIMALS_OFFSET } from "../../deploy/caesar/votes";
import type { CaesarToken, ParameterRegistry, StaticVotesWrapper } from "../../typechain-types";

export const CAESAR = 10n ** 18n;
export const ALICE_GENESIS = 1_000_000n * CAESAR;
export const BOB_GENESIS = 1_000_000n * CAESAR;
export const CAROL_GENESIS = 500_000n * CAESAR;
export const TREASURY_GENESIS = 10_000_000n * CAESAR;
export const GENESIS_SUPPLY = ALICE_GENESIS + BOB_GENESIS + CAROL_GENESIS + TREASURY_GENESIS;

export interface CaesarFixture {
  readonly token: CaesarToken;
  readonly registry: ParameterRegistry;
  readonly admin: HardhatEthersSigner;
  readonly distributor: HardhatEthersSigner;
  readonly reserve: HardhatEthersSigner;
  readonly treasury: HardhatEthersSigner;
  readonly alice: HardhatEthersSigner;
  readonly bob: HardhatEthersSigner;
  readonly carol: HardhatEthersSigner;
  readonly dave: HardhatEthersSigner;
  readonly others: HardhatEthersSigner[];
}

/** A registry holding the whole CAESAR catalogue, `overrides` replacing some defaults (name -> value). */
export async function deployCaesarRegistry(
  admin: HardhatEthersSigner,
  overrides: Readonly<Record<string, bigint>> = {},
): Promise<ParameterRegistry> {
  const registry = (await ethers.deployContract("ParameterRegistry", [admin.address])) as unknown as ParameterRegistry;
  await registry.defineParameters(
    CAESAR_PARAMETERS.map((s) => ({
      key: parameterKey(s.name),
      value: overrides[s.name] ?? s.value,
      min: s.min,
      max: s.max,
      maxDelta: s.maxDelta,
      period: s.period,
    })),
  );
  return registry;
}

/** Deploys the registry and the token (`contract` = "CaesarToken" or a mock deriving from it). */
export async function deployCaesarWith(
  overrides: Readonly<Record<string, bigint>> = {},
  contract = "CaesarToken",
): Promise<CaesarFixture> {
  const [admin, distributor, reserve, treasury, alice, bob, carol, dave, ...others] = await ethers.getSigners();
  const registry = await deployCaesarRegistry(admin, overrides);
  const token = (await ethers.deployContract(contract, [
    admin.address,
    await registry.getAddress(),
    distributor.address,
    reserve.address,
    [treasury.address],
    [alice.address, bob.address, carol.address, treasury.address],
    [ALICE_GENESIS, BOB_GENESIS, CAROL_GENESIS, TREASURY_GENESIS],
  ])) as unknown as CaesarToken;
  return { token, registry, admin, distributor, reserve, treasury, alice, bob, carol, dave, others };
}

/** No fee at all (base and minimum zero), demurrage 1% per 30 days. */
export const NO_FEES = { "caesar.fees.baseBps": 0n, "caesar.fees.minFee": 0n } as const;
/** No fee and no demurrage: a plain ERC-20 (the shared behaviours). */
export const PLAIN = { ...NO_FEES, "caesar.token.demurrageBps": 0n } as const;

/** Defaults of the catalogue. */
export async function caesarDefaults(): Promise<CaesarFixture> {
  return deployCaesarWith();
}

/** Demurrage only (no fees). */
export async function caesarDemurrageOnly(): Promise<CaesarFixture> {
  return deployCaesarWith(NO_FEES);
}

/** Neither fees nor demurrage. */
export async function caesarPlain(): Promise<CaesarFixture> {
  return deployCaesarWith(PLAIN);
}

/** `ICaesarToken.Kind.FeeFree`: decays, pays and causes no fee (the wrapper's kind). */
export const FEE_FREE = 3n;

/**
 * wCAESAR over `f.token` as deploy/caesar/votes.ts builds it: the kit StaticVotesWrapper ("Wrapped CAESAR",
 * wCAESAR, decimals offset 3), set FeeFree by the admin. `contract` may be a mock deriving from it (a canary).
 */
export async function deployWCaesar(f: CaesarFixture, contract = "StaticVotesWrapper"): Promise<StaticVotesWrapper> {
  const wrapper = (await ethers.deployContract(contract, [
    await f.token.getAddress(),
    "Wrapped CAESAR",
    "wCAESAR",
    WRAPPER_DECIMALS_OFFSET,
  ])) as unknown as StaticVotesWrapper;
  await f.token.connect(f.admin).setKind(await wrapper.getAddress(), FEE_FREE);
  return wrapper;
}

/**
 * CAESAR stability fixtures: a real Uniswap V2 market (factory, WETH9 and router from the compiled artifacts of
 * `@uniswap/v2-core` / `@uniswap/v2-periphery`, never recompiled) for CAESAR against a mock stablecoin, the pair
 * registered as a CAESAR pool and seeded 1:1, the PoolTwap and the StabilityController on it.
 */
import { ethers } from "hardhat";
import { ContractFactory, type Contract, type ContractRunner } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import FactoryArtifact from "@uniswap/v2-core/build/UniswapV2Factory.json";
import PairArtifact from "@uniswap/v2-core/build/UniswapV2Pair.json";
import RouterArtifact from "@uniswap/v2-periphery/build/UniswapV2Router02.json";
import WethArtifact from "@uniswap/v2-periphery/build/WETH9.json";
import { CAESAR, deployCaesarWith, type CaesarFixture } from "../fixtures";
import type {
  MockStabilityRegime,
  MockStablecoin,
  PoolTwap,
  StabilityController,
  StabilityGate,
} from "../../../typechain-types";

export const POOL = 2n;
/** Seed liquidity of the fixture: 100,000 CAESAR against 100,000 mUSD. */
export const SEED = 100_000n * CAESAR;

interface Artifact {
  readonly abi: unknown[];
  readonly bytecode: string;
}

async function deployArtifact(a: Artifact, signer: HardhatEthersSigner, args: unknown[] = []): Promise<Contract> {
  const bytecode = a.bytecode.startsWith("0x") ? a.bytecode : `0x${a.bytecode}`;
  const c = await new ContractFactory(a.abi as never, bytecode, signer).deploy(...args);
  await c.waitForDeployment();
  return c as unknown as Contract;
}

/** The pair at `address` (Uniswap's ABI). */
export function pairAt(address: string, runner: ContractRunner): Contract {
  return new ethers.Contract(address, PairArtifact.abi, runner);
}

export interface PoolFixture extends CaesarFixture {
  readonly factory: Contract;
  readonly router: Contract;
  readonly weth: Contract;
  readonly usd: MockStablecoin;
  readonly pair: Contract;
  readonly pairAddress: string;
}

/** A deadline far in the future. */
export const DEADLINE = 2n ** 40n;

/** The CAESAR/mUSD market, the pair a registered pool, seeded with {@link SEED} of each by the treasury. */
export async function deployPool(overrides: Readonly<Record<string, bigint>> = {}): Promise<PoolFixture> {
  const f = await deployCaesarWith(overrides);
  const { admin, treasury, alice, bob } = f;
  const factory = await deployArtifact(FactoryArtifact as Artifact, admin, [admin.address]);
  const weth = await deployArtifact(WethArtifact as Artifact, admin);
  const router = await deployArtifact(RouterArtifact as Artifact, admin, [
    await factory.getAddress(),
    await weth.getAddress(),
  ]);
  const usd = (await ethers.deployContract("MockStablecoin")) as unknown as MockStablecoin;
  const token = await f.token.getAddress();
  await (await factory.createPair(token, await usd.getAddress())).wait();
  const pairAddress = (await factory.getPair(token, await usd.getAddress())) as string;
  await f.token.connect(admin).setKind(pairAddress, POOL);
  for (const who of [treasury, alice, bob]) {
    await usd.mint(who.address, 1_000_000n * CAESAR);
    await usd.connect(who).approve(await router.getAddress(), ethers.MaxUint256);
    await f.token.connect(who).approve(await router.getAddress(), ethers.MaxUint256);
  }
  // The treasury is exempt: the seed arrives whole.
  await (router.connect(treasury) as Contract).addLiquidity(
    token,
    await usd.getAddress(),
    SEED,
    SEED,
    0n,
    0n,
    treasury.address,
    DEADLINE,
  );
  return { ...f, factory, router, weth, usd, pair: pairAt(pairAddress, admin), pairAddress };
}

export interface StabilityFixture extends PoolFixture {
  readonly twap: PoolTwap;
  readonly controller: StabilityController;
  readonly guardian: HardhatEthersSigner;
}

/** {@link deployPool} plus the PoolTwap and the StabilityController (admin: `admin`, guardian: `others[0]`). */
export async function deployStability(overrides: Readonly<Record<string, bigint>> = {}): Promise<StabilityFixture> {
  const f = await deployPool(overrides);
  const twap = (await ethers.deployContract("PoolTwap", [
    f.pairAddress,
    await f.token.getAddress(),
    await f.registry.getAddress(),
    18,
    18,
  ])) as unknown as PoolTwap;
  const controller = (await ethers.deployContract("StabilityController", [
    await f.registry.getAddress(),
    await twap.getAddress(),
    f.admin.address,
  ])) as unknown as StabilityController;
  const guardian = f.others[0];
  await controller.connect(f.admin).grantRole(await controller.GUARDIAN_ROLE(), guardian.address);
  return { ...f, twap, controller, guardian };
}

export interface GateFixture extends PoolFixture {
  readonly regime: MockStabilityRegime;
  readonly gate: StabilityGate;
  readonly guardian: HardhatEthersSigner;
}

/** CAESAR wei the treasury funds the gate's reserve with in {@link deployGate}. */
export const GATE_RESERVE = 10_000n * CAESAR;

/**
 * {@link deployPool} (fees and demurrage off unless `overrides` say otherwise, so amounts are exact) plus a
 * MockStabilityRegime and the StabilityGate on the pair (or `gateContract`, e.g. the GateLeakCanary), made the
 * token's stability reserve and gate, its reserve funded with `reserve` CAESAR by the treasury; alice and bob
 * approve the gate for CAESAR and mUSD. Guardian: `others[0]`.
 */
export async function deployGate(
  overrides: Readonly<Record<string, bigint>> = {},
  reserve: bigint = GATE_RESERVE,
  gateContract = "StabilityGate",
): Promise<GateFixture> {
  const f = await deployPool({
    "caesar.fees.baseBps": 0n,
    "caesar.fees.minFee": 0n,
    "caesar.token.demurrageBps": 0n,
    ...overrides,
  });
  const regime = (await ethers.deployContract("MockStabilityRegime")) as unknown as MockStabilityRegime;
  const gate = (await ethers.deployContract(gateContract, [
    await f.token.getAddress(),
    f.pairAddress,
    await regime.getAddress(),
    await f.registry.getAddress(),
    f.admin.address,
  ])) as unknown as StabilityGate;
  const g = await gate.getAddress();
  await f.token.connect(f.admin).setStabilityReserve(g);
  await f.token.connect(f.admin).setStabilityGate(g);
  const guardian = f.others[0];
  await gate.connect(f.admin).grantRole(await gate.GUARDIAN_ROLE(), guardian.address);
  if (reserve > 0n) await f.token.connect(f.treasury).transfer(g, reserve);
  for (const who of [f.alice, f.bob]) {
    await f.usd.connect(who).approve(g, ethers.MaxUint256);
    await f.token.connect(who).approve(g, ethers.MaxUint256);
  }
  return { ...f, regime, gate, guardian };
}

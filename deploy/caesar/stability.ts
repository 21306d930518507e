import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type {
  AccountRuntimeValue,
  Artifact,
  CallableContractFuture,
  ContractFuture,
} from "@nomicfoundation/ignition-core";
import { id } from "ethers";
import FactoryJson from "@uniswap/v2-core/build/UniswapV2Factory.json";
import RouterJson from "@uniswap/v2-periphery/build/UniswapV2Router02.json";
import WethJson from "@uniswap/v2-periphery/build/WETH9.json";
import { ROLES } from "../blocks/roles";
import { KIND } from "./economy";

/** Role ids of the StabilityController. */
export const STABILITY_ROLES = { GUARDIAN: id("GUARDIAN_ROLE") } as const;
/** Local seed liquidity of the CAESAR/mUSD pool: 100,000 CAESAR against 100,000 mUSD (price 1.0, the target). */
export const LOCAL_SEED = 100_000n * 10n ** 18n;
/** A deadline far in the future for the seeding call. */
const DEADLINE = 2n ** 40n;

/** A Uniswap package's compiled artifact (never recompiled) in Ignition's shape. */
function uniswap(name: string, json: { abi: unknown[]; bytecode: string }): Artifact {
  const bytecode = json.bytecode.startsWith("0x") ? json.bytecode : `0x${json.bytecode}`;
  return {
    contractName: name,
    sourceName: `@uniswap/${name}.sol`,
    abi: json.abi as never,
    bytecode,
    linkReferences: {},
  };
}

/**
 * CAESAR's market. "local": UniswapV2Factory, WETH9 and UniswapV2Router02 from the `@uniswap/v2-core` /
 * `@uniswap/v2-periphery` artifacts, a MockStablecoin quote token (mUSD, anyone may mint: local chains only), the
 * CAESAR/mUSD pair created, registered as a CAESAR pool and seeded with {@link LOCAL_SEED} of each by the deployer
 * (its genesis allocation in the localhost parameters, sent whole: the deployer is FeeFree for the seeding only;
 * LP tokens to the timelock). "live": parameter `pool` names the existing pair (already
 * holding CAESAR), `quoteDecimals` its quote token's decimals.
 */
export function buildMarket(
  m: IgnitionModuleBuilder,
  target: "local" | "live",
  d: { caesar: CallableContractFuture<string>; timelock: ContractFuture<string>; admin: AccountRuntimeValue },
) {
  if (target === "live") {
    const pool = m.getParameter<string>("pool");
    const register = m.call(d.caesar, "setKind", [pool, KIND.Pool], { id: "PoolKind" });
    return {
      pool,
      quoteDecimals: m.getParameter<number>("quoteDecimals", 18),
      futures: {} as Record<string, ContractFuture<string>>,
      wiring: [register],
    };
  }
  const factory = m.contract("UniswapV2Factory", uniswap("UniswapV2Factory", FactoryJson), [d.admin]);
  const weth = m.contract("WETH9", uniswap("WETH9", WethJson), []);
  const router = m.contract("UniswapV2Router02", uniswap("UniswapV2Router02", RouterJson), [factory, weth]);
  const usd = m.contract("MockStablecoin", []);
  const created = m.call(factory, "createPair", [d.caesar, usd], { id: "CreatePair" });
  const pool = m.readEventArgument(created, "PairCreated", "pair", { id: "PairAddress" });
  const register = m.call(d.caesar, "setKind", [pool, KIND.Pool], { id: "PoolKind" });
  const mint = m.call(usd, "mint", [d.admin, LOCAL_SEED], { id: "SeedMint" });
  // the deployer seeds its genesis allocation whole (FeeFree for the seeding only), then decays like anyone
  const feeFree = m.call(d.caesar, "setKind", [d.admin, KIND.FeeFree], { id: "SeederFeeFree" });
  const approveC = m.call(d.caesar, "approve", [router, LOCAL_SEED], { id: "SeedApproveCaesar" });
  const approveU = m.call(usd, "approve", [router, LOCAL_SEED], { id: "SeedApproveUsd", after: [mint] });
  const seed = m.call(router, "addLiquidity", [d.caesar, usd, LOCAL_SEED, LOCAL_SEED, 0n, 0n, d.timelock, DEADLINE], {
    id: "SeedLiquidity",
    after: [register, approveC, approveU, feeFree],
  });
  const restore = m.call(d.caesar, "setKind", [d.admin, KIND.Decaying], { id: "SeederDecaying", after: [seed] });
  const futures: Record<string, ContractFuture<string>> = { factory, router, weth, usd };
  return { pool, quoteDecimals: 18, futures, wiring: [register, seed, restore] };
}

/**
 * The PoolTwap on the pool and the StabilityController on it (admin: the deployer until the hand-over;
 * GUARDIAN_ROLE to the guardian Safe), made CaesarToken's stability source (the fee engine's factor), and the
 * StabilityGate on the pair and the controller (GUARDIAN_ROLE to the guardian Safe), made the token's stability
 * gate here and its stability reserve by the module (`SetStabilityReserve`). Hand-over: both DEFAULT_ADMIN_ROLEs.
 */
export function buildStability(
  m: IgnitionModuleBuilder,
  d: {
    caesar: CallableContractFuture<string>;
    registry: ContractFuture<string>;
    guardian: ContractFuture<string>;
    admin: AccountRuntimeValue;
    pool: ReturnType<typeof buildMarket>["pool"];
    quoteDecimals: ReturnType<typeof buildMarket>["quoteDecimals"];
    after: ReturnType<typeof buildMarket>["wiring"];
  },
) {
  const twap = m.contract("PoolTwap", [d.pool, d.caesar, d.registry, 18, d.quoteDecimals], { after: d.after });
  const controller = m.contract("StabilityController", [d.registry, twap, d.admin]);
  const gate = m.contract("StabilityGate", [d.caesar, d.pool, controller, d.registry, d.admin]);
  const wiring = [
    m.call(controller, "grantRole", [STABILITY_ROLES.GUARDIAN, d.guardian], { id: "StabilityGuardianRole" }),
    m.call(gate, "grantRole", [STABILITY_ROLES.GUARDIAN, d.guardian], { id: "GateGuardianRole" }),
    // the gate is the token's stability reserve (rapid-trade penalties accrue to it) and is asked on pool transfers
    m.call(d.caesar, "setStabilityGate", [gate], { id: "SetStabilityGate" }),
    m.call(
      d.caesar,
      "setFactorSources",
      ["0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000", controller],
      {
        id: "StabilitySource",
      },
    ),
  ];
  return {
    futures: { twap, controller, gate },
    wiring,
    handover: [
      { label: "StabilityController", contract: controller, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "StabilityGate", contract: gate, roles: [ROLES.DEFAULT_ADMIN] },
    ],
  };
}

/**
 * CAESAR agents fixtures: the token (catalogue defaults or overrides), the fee distributor (made the token's fee
 * distributor), the agent registry (FeeFree) and the processor (PROCESSOR_ROLE on the token and the distributor),
 * with registered agents, and helpers to sign transfer authorizations. Until the Caesar preset exists (part 2) the
 * fixtures deploy the contracts directly.
 */
import { ethers, network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type {
  CaesarAgents,
  CaesarFeeDistributor,
  CaesarProcessor,
  CaesarToken,
  ParameterRegistry,
} from "../../../typechain-types";
import { deployCaesarRegistry, CAESAR, ALICE_GENESIS, BOB_GENESIS, CAROL_GENESIS, TREASURY_GENESIS } from "../fixtures";
import {
  authorizationDomain,
  AUTHORIZATION_TYPES,
  authorizationMessage,
  type TransferAuthorization,
} from "../../../sdk/caesar/core/authorization";

export { CAESAR };
export const KIND = { Decaying: 0n, Exempt: 1n, Pool: 2n, FeeFree: 3n } as const;
export const SKIP = {
  None: 0n,
  NotYetValid: 1n,
  Expired: 2n,
  InvalidReceiver: 3n,
  BadSignature: 4n,
  NonceUsed: 5n,
  FeeAboveMax: 6n,
  InsufficientBalance: 7n,
  TransferFailed: 8n,
} as const;
export const AGENT_STAKE = 20_000n * CAESAR;
export const DAY = 86_400;
export const REPORT_WINDOW = 6 * 3_600;

export interface AgentsFixture {
  readonly token: CaesarToken;
  readonly registry: ParameterRegistry;
  readonly distributor: CaesarFeeDistributor;
  readonly agents: CaesarAgents;
  readonly processor: CaesarProcessor;
  readonly admin: HardhatEthersSigner;
  readonly reserve: HardhatEthersSigner;
  readonly treasury: HardhatEthersSigner;
  readonly alice: HardhatEthersSigner;
  readonly bob: HardhatEthersSigner;
  readonly carol: HardhatEthersSigner;
  readonly agent1: HardhatEthersSigner;
  readonly agent2: HardhatEthersSigner;
  readonly reporter: HardhatEthersSigner;
  readonly others: HardhatEthersSigner[];
}

/** The agent registry factory (`contract` may be the canary LeakyCaesarAgents) with its external libraries linked. */
export async function agentsFactory(
  contract = "CaesarAgents",
): Promise<Awaited<ReturnType<typeof ethers.getContractFactory>>> {
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"]) {
    libraries[name] = await (await (await ethers.deployContract(name)).waitForDeployment()).getAddress();
  }
  return ethers.getContractFactory(contract, { libraries });
}

/**
 * The whole agents stack; `distributorContract` and `agentsContract` may be canaries. Agents 1 and 2 are registered
 * (region 1, 2).
 */
export async function deployAgentsWith(
  overrides: Readonly<Record<string, bigint>> = {},
  distributorContract = "CaesarFeeDistributor",
  agentsContract = "CaesarAgents",
): Promise<AgentsFixture> {
  const [admin, placeholder, reserve, treasury, alice, bob, carol, agent1, agent2, reporter, ...others] =
    await ethers.getSigners();
  const registry = await deployCaesarRegistry(admin, overrides);
  const token = (await ethers.deployContract("CaesarToken", [
    admin.address,
    await registry.getAddress(),
    placeholder.address,
    reserve.address,
    [treasury.address],
    [alice.address, bob.address, carol.address, treasury.address, agent1.address, agent2.address],
    [ALICE_GENESIS, BOB_GENESIS, CAROL_GENESIS, TREASURY_GENESIS, 100_000n * CAESAR, 100_000n * CAESAR],
  ])) as unknown as CaesarToken;
  const distributor = (await ethers.deployContract(distributorContract, [
    await token.getAddress(),
    await registry.getAddress(),
    admin.address,
    treasury.address,
  ])) as unknown as CaesarFeeDistributor;
  await token.setFeeDistributor(await distributor.getAddress());
  const agents = (await (
    await agentsFactory(agentsContract)
  ).deploy(await token.getAddress(), await registry.getAddress(), admin.address)) as unknown as CaesarAgents;
  await token.setKind(await agents.getAddress(), KIND.FeeFree);
  const processor = (await ethers.deployContract("CaesarProcessor", [
    await token.getAddress(),
    await agents.getAddress(),
    await distributor.getAddress(),
    await registry.getAddress(),
    admin.address,
  ])) as unknown as CaesarProcessor;
  await token.grantRole(await token.PROCESSOR_ROLE(), await processor.getAddress());
  await distributor.grantRole(await distributor.PROCESSOR_ROLE(), await processor.getAddress());
  await distributor.grantRole(await distributor.REPORTER_ROLE(), reporter.address);
  for (const [i, a] of [agent1, agent2].entries()) {
    await token.connect(a).approve(await agents.getAddress(), ethers.MaxUint256);
    await agents.connect(a).register(i + 1, `https://agent${i + 1}.example`, AGENT_STAKE);
  }
  return {
    token,
    registry,
    distributor,
    agents,
    processor,
    admin,
    reserve,
    treasury,
    alice,
    bob,
    carol,
    agent1,
    agent2,
    reporter,
    others,
  };
}

export async function agentsDefaults(): Promise<AgentsFixture> {
  return deployAgentsWith();
}

export async function chainId(): Promise<bigint> {
  return BigInt(await network.provider.send("eth_chainId", []));
}

/** Signs `a` with `signer` for `processor` (or another chain id / verifying contract, to test the rejections). */
export async function signAuth(
  signer: HardhatEthersSigner,
  a: TransferAuthorization,
  processor: string,
  chain?: bigint,
): Promise<string> {
  const domain = authorizationDomain({ chainId: chain ?? (await chainId()), verifyingContract: processor });
  return signer.signTypedData(domain, AUTHORIZATION_TYPES, authorizationMessage(a));
}

let nonceCounter = 1000n;
/** An authorization of `amount` from `from` to `to`, valid for a day from now, max fee 1% + minimum. */
export async function authOf(
  from: HardhatEthersSigner,
  to: string,
  amount: bigint,
  extra: Partial<TransferAuthorization> = {},
): Promise<TransferAuthorization> {
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  return {
    from: from.address,
    to,
    amount,
    maxFee: amount / 100n + CAESAR,
    nonce: nonceCounter++,
    validAfter: 0n,
    validBefore: now + 86_400n,
    region: 1,
    ...extra,
  };
}

/** The tuple form the contract takes. */
export function tupleOf(a: TransferAuthorization) {
  return {
    from: a.from,
    to: a.to,
    amount: a.amount,
    maxFee: a.maxFee,
    nonce: a.nonce,
    validAfter: a.validAfter,
    validBefore: a.validBefore,
    region: a.region,
  };
}

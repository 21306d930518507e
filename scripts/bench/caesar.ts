/**
 * CAESAR token rows (contracts/caesar/CaesarToken.sol, catalogue defaults: 0.1% fee, 1% demurrage per 30 days,
 * rapid-trade rule on), beside OpenZeppelin's plain ERC20 transfer to an existing recipient in the same run.
 * Targets: a fee-paying transfer to an existing recipient on the same day within 1.25x OZ (Circles v2's
 * demurrage ERC-20 logic: 38,160 = 1.11x), the same transfer when both accounts were last touched 30 days earlier
 * within 1.35x (Circles: 47,158 = 1.37x). With a global index an account's idleness costs nothing; what costs is the
 * first transfer of a day after days without any: it computes the index of the days in between and emits it, so
 * that row is shown on its own beside the idle transfer on a day already indexed.
 */
import { ethers } from "hardhat";
import { CAESAR_PARAMETERS } from "../../sdk/caesar/core/parameters";
import type { CaesarToken } from "../../typechain-types";
import { benchWallet, catalogueRegistry, gasOf, row, warp, type BenchRow, TOKEN as Q, DAY } from "./lib";
import {
  AUTHORIZATION_TYPES,
  authorizationDomain,
  authorizationMessage,
  type TransferAuthorization,
} from "../../sdk/caesar/core/authorization";

export default async function caesar(): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const [admin, distributor, reserve, treasury] = sg;
  const [alice, bob, carol, dave, eve] = sg.slice(15, 20);

  const plain = await (await ethers.getContractFactory("RefERC20")).deploy();
  await plain.mint(alice.address, 1_000n * Q);
  await plain.mint(bob.address, 1_000n * Q);
  const oz = await gasOf(plain.connect(alice).transfer(bob.address, 10n * Q));

  const registry = await catalogueRegistry(admin.address, CAESAR_PARAMETERS);
  const people = [alice, bob, carol, dave, eve];
  const token = (await ethers.deployContract("CaesarToken", [
    admin.address,
    await registry.getAddress(),
    distributor.address,
    reserve.address,
    [treasury.address],
    people.map((p) => p.address),
    people.map(() => 100_000n * Q),
  ])) as unknown as CaesarToken;

  // Alice last received two days ago (her send checks the holding period but is not a rapid trade).
  await token.connect(carol).transfer(alice.address, 10n * Q);
  await warp(2 * DAY);
  await token.connect(dave).transfer(eve.address, Q); // today's index and window already rolled
  const sameDay = await gasOf(token.connect(alice).transfer(bob.address, 10n * Q));

  // 30 days without any transfer: the first one pays the index update of the 30 days and its event (any pair of
  // accounts: here dave and eve, both last touched 30 days earlier); a later transfer that day between two accounts
  // idle for 30 days costs what a same-day transfer does (a global index: per-account idleness costs nothing).
  await warp(30 * DAY);
  const idle30 = await gasOf(token.connect(dave).transfer(eve.address, 10n * Q));
  const idle30Indexed = await gasOf(token.connect(alice).transfer(bob.address, 10n * Q));

  // Report-only rows.
  const pair = await ethers.deployContract("MockCaesarPair", [await token.getAddress()]);
  await token.connect(admin).setKind(await pair.getAddress(), 2);
  await token.connect(carol).transfer(await pair.getAddress(), 1_000n * Q);
  await warp(DAY);
  const sync = await gasOf(token.syncPool(await pair.getAddress()));
  const settle = await gasOf(token.settle());
  for (let i = 0; i < 4; i++) await token.connect(alice).transfer(bob.address, Q);
  const penalised = await gasOf(token.connect(bob).transfer(carol.address, Q)); // bob's 1st rapid trade, counted
  for (let i = 0; i < 3; i++) await token.connect(bob).transfer(carol.address, Q);
  const penalty = await gasOf(token.connect(bob).transfer(carol.address, Q)); // 5th: +1% to the reserve

  const OZ = "OZ ERC20";
  return [
    row("CAESAR transfer, fee, existing recipient, same day", sameDay, OZ, oz, 1.25),
    row("CAESAR transfer, fee, both idle 30 days, day already indexed", idle30Indexed, OZ, oz, 1.35),
    row("CAESAR transfer, fee, both idle 30 days, first of the day", idle30, OZ, oz, 1.35),
    row("CAESAR transfer, counted rapid trade", penalised, OZ, oz),
    row("CAESAR transfer, rapid trade with penalty", penalty, OZ, oz),
    row("CAESAR syncPool (pair.sync() included)", sync, ""),
    row("CAESAR settle accrual", settle, ""),
    ...(await agentRows()),
  ];
}

/**
 * Processing-agent rows (contracts/caesar/agents): a relayed authorization alone and per transfer in a batch of 50
 * (target: below a plain fee-paying CAESAR transfer to an existing recipient, measured here on the same token), and
 * an epoch claim with 10 and with 1,000 agents holding points in the epoch (equal: the claim touches only the
 * claimer's slot and the epoch's; the rewards differ, so the token moves different amounts, which costs a few
 * gas either way, hence the 1.001x target). Payers and receivers are existing accounts last touched two days earlier; in
 * the steady-state rows each payer's nonce word is already in use (payers count nonces up from a fixed start, so
 * 256 authorizations share one slot); the first-use row shows a payer's first authorization (a fresh slot).
 */
/** Deadline of the bench's authorizations: 2040-01-01, after any run's chain time, the same in every run. */
const VALID_BEFORE = 2_208_988_800n;

async function agentRows(): Promise<BenchRow[]> {
  const [admin, placeholder, reserve, treasury, agent] = await ethers.getSigners();
  const registry = await catalogueRegistry(admin.address, CAESAR_PARAMETERS);
  const N = 50;
  // Fixed keys, nonces and deadlines: the rows' calldata (and so its zero-byte count) is the same in every run.
  const payers = Array.from({ length: 2 * N + 1 }, (_, i) => benchWallet(`payer ${i}`));
  const receivers = Array.from({ length: 2 * N + 1 }, (_, i) => benchWallet(`receiver ${i}`).address);
  const plainFrom = sgAt(await ethers.getSigners(), 5);
  const plainTo = sgAt(await ethers.getSigners(), 6);
  const token = (await ethers.deployContract("CaesarToken", [
    admin.address,
    await registry.getAddress(),
    placeholder.address,
    reserve.address,
    [treasury.address],
    [treasury.address, agent.address, plainFrom.address, plainTo.address],
    [100_000_000n * Q, 100_000n * Q, 1_000n * Q, 1_000n * Q],
  ])) as unknown as CaesarToken;
  const tokenAddr = await token.getAddress();
  const distributor = await ethers.deployContract("CaesarFeeDistributor", [
    tokenAddr,
    await registry.getAddress(),
    admin.address,
    treasury.address,
  ]);
  await token.setFeeDistributor(await distributor.getAddress());
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"]) {
    libraries[name] = await (await ethers.deployContract(name)).getAddress();
  }
  const agents = await (
    await ethers.getContractFactory("CaesarAgents", { libraries })
  ).deploy(tokenAddr, await registry.getAddress(), admin.address);
  await token.setKind(await agents.getAddress(), 3);
  const processor = await ethers.deployContract("CaesarProcessor", [
    tokenAddr,
    await agents.getAddress(),
    await distributor.getAddress(),
    await registry.getAddress(),
    admin.address,
  ]);
  const procAddr = await processor.getAddress();
  await token.grantRole(await token.PROCESSOR_ROLE(), procAddr);
  await distributor.grantRole(await distributor.PROCESSOR_ROLE(), procAddr);
  await token.connect(agent).approve(await agents.getAddress(), ethers.MaxUint256);
  await agents.connect(agent).register(1, "https://agent.example", 20_000n * Q);

  for (const p of payers) await token.connect(treasury).transfer(p.address, 1_000n * Q);
  for (const r of receivers) await token.connect(treasury).transfer(r, Q);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const domain = authorizationDomain({ chainId, verifyingContract: procAddr });
  const base = (BigInt(benchWallet("nonces").privateKey) >> 8n) << 8n; // a word's first nonce
  const sign = async (i: number, nonce: bigint) => {
    const a: TransferAuthorization = {
      from: payers[i].address,
      to: receivers[i],
      amount: 10n * Q,
      maxFee: Q,
      nonce,
      validAfter: 0n,
      validBefore: VALID_BEFORE,
      region: 1,
    };
    const signature = await payers[i].signTypedData(domain, AUTHORIZATION_TYPES, authorizationMessage(a));
    return { a, signature };
  };
  // Steady state: every payer of the measured rows used its nonce word before (two days ago).
  const warm = await Promise.all(payers.slice(0, 2 * N).map((_, i) => sign(i, base)));
  await (
    await processor.connect(agent).processBatch(
      warm.map((w) => w.a),
      warm.map((w) => w.signature),
    )
  ).wait();
  await warp(2 * DAY);
  await token.connect(treasury).transfer(plainTo.address, Q); // the day's index and window already rolled
  const plain = await gasOf(token.connect(plainFrom).transfer(plainTo.address, 10n * Q));

  const batch = await Promise.all(Array.from({ length: N }, (_, k) => sign(1 + k, base + 1n)));
  const batchGas = await gasOf(
    processor.connect(agent).processBatch(
      batch.map((b) => b.a),
      batch.map((b) => b.signature),
    ),
  );
  // Alone, once the agent already has points in the epoch (the first relay of an epoch also creates the agent's
  // and the epoch's slots in the distributor: the "first of the epoch" row).
  const one = await sign(0, base + 1n);
  const alone = await gasOf(processor.connect(agent).process(one.a, one.signature));
  const fresh = await Promise.all(Array.from({ length: N - 1 }, (_, k) => sign(N + 1 + k, base + 1n)));
  fresh.push(await sign(2 * N, base + 1n)); // never used the processor: a fresh nonce word
  const freshGas = await gasOf(
    processor.connect(agent).processBatch(
      fresh.map((b) => b.a),
      fresh.map((b) => b.signature),
    ),
  );

  await warp(DAY);
  await token.connect(treasury).transfer(plainTo.address, 1n);
  const firstOfEpoch = await sign(2 * N, base + 2n);
  const firstGas = await gasOf(processor.connect(agent).process(firstOfEpoch.a, firstOfEpoch.signature));

  const claim = async (agentsInEpoch: number) => {
    const d = await ethers.deployContract("CaesarFeeDistributor", [
      tokenAddr,
      await registry.getAddress(),
      admin.address,
      treasury.address,
    ]);
    await d.grantRole(await d.PROCESSOR_ROLE(), admin.address);
    await d.recordPoints(agent.address, 1_000n);
    for (let i = 1; i < agentsInEpoch; i++)
      await d.recordPoints(benchWallet(`agent ${agentsInEpoch}.${i}`).address, 1_000n + BigInt(i));
    await token.connect(treasury).transfer(await d.getAddress(), 1_000n * Q);
    await d.distribute();
    await warp(2 * DAY);
    await token.connect(treasury).transfer(plainTo.address, 1n); // the day's index already rolled
    return gasOf(d.connect(agent).claim(0n));
  };
  const claim10 = await claim(10);
  const claim1000 = await claim(1_000);

  const PLAIN = "CAESAR transfer";
  return [
    row("CAESAR relayed authorization alone (process)", alone, PLAIN, plain),
    row("CAESAR relayed authorization alone, agent's first of the epoch", firstGas, PLAIN, plain),
    row(`CAESAR relayed transfer, per transfer in a batch of ${N}`, batchGas / BigInt(N), PLAIN, plain, 1.0),
    row(`CAESAR relayed, per transfer, batch of ${N} incl. 1 first-use payer`, freshGas / BigInt(N), PLAIN, plain),
    row("CAESAR epoch claim, 10 agents in the epoch", claim10, ""),
    // Equal up to the value-dependent cost of moving a different reward amount (tens of gas): target 1.001x.
    row("CAESAR epoch claim, 1,000 agents in the epoch", claim1000, "10 agents", claim10, 1.001),
  ];
}

function sgAt<T>(list: T[], i: number): T {
  return list[i];
}

/**
 * CAESAR token rows (contracts/caesar/CaesarToken.sol, catalogue defaults: 0.1% fee, 1% demurrage per 30 days,
 * rapid-trade rule on), beside OpenZeppelin's plain ERC20 transfer to an existing recipient in the same run.
 * Targets (issue 11): a fee-paying transfer to an existing recipient on the same day within 1.25x OZ (Circles v2's
 * demurrage ERC-20 logic: 38,160 = 1.11x), the same transfer when both accounts were last touched 30 days earlier
 * within 1.35x (Circles: 47,158 = 1.37x); that row includes the day's index update and its event, which the first
 * transfer of each day pays.
 */
import { ethers, network } from "hardhat";
import { CAESAR_PARAMETERS, parameterKey } from "../../sdk/caesar/core/parameters";
import type { CaesarToken } from "../../typechain-types";
import { gasOf, row, type BenchRow } from "./lib";

const Q = 10n ** 18n;
const DAY = 86_400;

async function warp(seconds: number): Promise<void> {
  await network.provider.send("evm_increaseTime", [seconds]);
  await network.provider.send("evm_mine", []);
}

export default async function caesar(): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const [admin, distributor, reserve, treasury] = sg;
  const [alice, bob, carol, dave, eve] = sg.slice(15, 20);

  const plain = await (await ethers.getContractFactory("RefERC20")).deploy();
  await plain.mint(alice.address, 1_000n * Q);
  await plain.mint(bob.address, 1_000n * Q);
  const oz = await gasOf(plain.connect(alice).transfer(bob.address, 10n * Q));

  const registry = await ethers.deployContract("ParameterRegistry", [admin.address]);
  await registry.defineParameters(
    CAESAR_PARAMETERS.map((s) => ({
      key: parameterKey(s.name),
      value: s.value,
      min: s.min,
      max: s.max,
      maxDelta: s.maxDelta,
      period: s.period,
    })),
  );
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

  await warp(30 * DAY);
  const idle30 = await gasOf(token.connect(alice).transfer(bob.address, 10n * Q));

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
    row("CAESAR transfer, fee, both idle 30 days (first of the day)", idle30, OZ, oz, 1.35),
    row("CAESAR transfer, counted rapid trade", penalised, OZ, oz),
    row("CAESAR transfer, rapid trade with penalty", penalty, OZ, oz),
    row("CAESAR syncPool (pair.sync() included)", sync, ""),
    row("CAESAR settle accrual", settle, ""),
  ];
}

/**
 * The CAESAR DAO: the kit's governor counting wCAESAR (the static votes wrapper: base, undecayed CAESAR) passes a real
 * EconomicParameter proposal that raises the demurrage rate within its registry bound and rate limit; the new rate
 * applies from the next day, never to the day already booked. The quadratic deploy option counts sqrt(votes).
 */
import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import CaesarModule from "../../deploy/modules/Caesar";
import { CAESAR, deployCaesarPreset } from "./sdk/fixture";
import { dailyFactor, indexAfter, toAmountDown, DAY_SECONDS } from "../../sdk/caesar/core/demurrage";
import { parameterKey } from "../../sdk/caesar/core/parameters";
import {
  descriptionHash,
  governanceExecute,
  passProposal,
  PType,
  Vote,
  type Proposal,
} from "../helpers/fixtures/governance";
import type { EconomyGovernor } from "../../typechain-types";

const RATE = parameterKey("caesar.token.demurrageBps");

/** The preset with the holder's 1,000,000 CAESAR wrapped into wCAESAR and self-delegated. */
async function withVoter(quadratic = false) {
  const f = await deployCaesarPreset();
  if (quadratic) {
    const parameters = structuredClone(f.parameters) as typeof f.parameters;
    (parameters.Kit as Record<string, unknown>).quadratic = true;
    const d = await ignition.deploy(CaesarModule, { parameters, deploymentId: "caesar-quadratic" });
    Object.assign(f, { caesar: d.caesar, wrapper: d.wrapper, governor: d.governor, registry: d.registry });
  }
  const amount = 1_000_000n * CAESAR;
  await f.caesar.connect(f.holder).approve(await f.wrapper.getAddress(), amount);
  await f.wrapper.connect(f.holder).deposit(amount, f.holder.address);
  await f.wrapper.connect(f.holder).delegate(f.holder.address);
  await time.increase(1);
  return f;
}
const linear = () => withVoter(false);
const quadratic = () => withVoter(true);

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) [x, y] = [y, (y + n / y) / 2n];
  return x;
}

describe("CAESAR DAO", () => {
  it("passes an EconomicParameter proposal raising demurrage 1.00% -> 1.25% per 30 days, voted in wCAESAR; the next day's index uses the new rate, today's is untouched", async () => {
    const f = await loadFixture(linear);
    const governor = f.governor as unknown as EconomyGovernor;
    const registry = await f.registry.getAddress();
    const token = await f.caesar.getAddress();
    // The holder's votes are its wCAESAR shares, weight 1x: base units, so they do not decay with the balance.
    const votes = await f.wrapper.getVotes(f.holder.address);
    expect(votes).to.equal(await f.wrapper.balanceOf(f.holder.address));
    const p: Proposal = {
      targets: [registry, token],
      values: [0n, 0n],
      calldatas: [
        f.registry.interface.encodeFunctionData("set", [RATE, 125n]),
        f.caesar.interface.encodeFunctionData("refreshParameters"),
      ],
      description: "CAESAR demurrage 1.25% per 30 days",
    };
    const id = await passProposal(governor, p, PType.EconomicParameter, [f.holder]);
    await governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
    // Execute one hour into a day d (after the ETA), so that the reading just before and just after share the day.
    const genesis = await f.caesar.genesisTime();
    const eta = await governor.proposalEta(id);
    const d = (eta - genesis) / DAY_SECONDS + 1n;
    const executedAt = genesis + d * DAY_SECONDS + 3_600n;
    await time.increaseTo(executedAt - 1n);
    const indexBefore = await f.caesar.index(); // day d's index at 1%
    await time.setNextBlockTimestamp(executedAt);
    await expect(governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
      .to.emit(f.registry, "ParameterChanged")
      .withArgs(RATE, 100n, 125n)
      .and.to.emit(f.caesar, "ParametersRefreshed")
      .withArgs(125n, dailyFactor(125n));
    expect(await governor.state(id)).to.equal(7n); // Executed
    const [againstVotes, forVotes] = await governor.proposalVotes(id);
    expect(forVotes).to.equal(votes);
    expect(againstVotes).to.equal(0n);

    // Day d's index is the one booked before the change; from day d + 1 on, the new factor.
    const indexToday = await f.caesar.index();
    expect(indexToday).to.equal(indexBefore);
    const base = await f.caesar.baseOf(f.second.address);
    const nextDay = genesis + (d + 1n) * DAY_SECONDS;
    await time.increaseTo(nextDay);
    const expected = indexAfter(indexToday, dailyFactor(125n), 1n);
    expect(await f.caesar.index()).to.equal(expected);
    expect(expected).to.not.equal(indexAfter(indexToday, dailyFactor(100n), 1n));
    expect(await f.caesar.balanceOf(f.second.address)).to.equal(toAmountDown(base, expected));
    // The votes are wCAESAR shares: the days that decayed every balance left them as they were.
    expect(await f.wrapper.getVotes(f.holder.address)).to.equal(votes);
    // The rate limit holds: a second 25 bps step within 30 days of the first is refused by the registry.
    const timelock = await f.timelock.getAddress();
    await setBalance(timelock, 10n ** 18n);
    await expect(f.registry.connect(await ethers.getImpersonatedSigner(timelock)).set(RATE, 150n))
      .to.be.revertedWithCustomError(f.registry, "ParameterChangeTooFast")
      .withArgs(RATE, 150n, 100n, 125n, executedAt + 30n * DAY_SECONDS);
  });

  it("refuses a rate above the registry bound through the proposal (the execute reverts and the rate stays)", async () => {
    const f = await loadFixture(linear);
    const governor = f.governor as unknown as EconomyGovernor;
    const p: Proposal = {
      targets: [await f.registry.getAddress()],
      values: [0n],
      calldatas: [f.registry.interface.encodeFunctionData("set", [RATE, 201n])],
      description: "CAESAR demurrage above its bound",
    };
    await expect(governanceExecute(governor, p, PType.EconomicParameter, [f.holder]))
      .to.be.revertedWithCustomError(f.registry, "ParameterOutOfBounds")
      .withArgs(RATE, 201n, 0n, 200n);
    expect(await f.registry.get(RATE)).to.equal(100n);
  });

  it("as a quadratic deployment counts floor(sqrt(wCAESAR votes)) for the voter", async () => {
    const f = await loadFixture(quadratic);
    const governor = f.governor as unknown as EconomyGovernor;
    expect(await governor.quadratic()).to.equal(true);
    const p: Proposal = {
      targets: [await f.registry.getAddress()],
      values: [0n],
      calldatas: [f.registry.interface.encodeFunctionData("set", [RATE, 125n])],
      description: "CAESAR demurrage 1.25% (quadratic)",
    };
    await governor
      .connect(f.holder)
      .proposeWithType(p.targets, p.values, p.calldatas, p.description, PType.EconomicParameter);
    const id = await governor.hashProposal(p.targets, p.values, p.calldatas, descriptionHash(p));
    await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
    await governor.connect(f.holder).castVote(id, Vote.For);
    // 1,000,000 CAESAR are 1e27 wCAESAR shares (decimals offset 3): counted as floor(sqrt(1e27)).
    const votes = await f.wrapper.getVotes(f.holder.address);
    expect(votes).to.equal(10n ** 27n);
    const [, forVotes] = await governor.proposalVotes(id);
    expect(forVotes).to.equal(isqrt(votes));
    expect(forVotes).to.equal(31_622_776_601_683n);
  });
});

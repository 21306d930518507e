/**
 * BPCI token rows, each beside a reference measured in this run: OpenZeppelin's plain ERC20 (RefERC20) for the FLX
 * transfer, and the OZ Wizard votes token (RefVotesToken: ERC20 + Permit + Votes) for GEN, NEX and AUR. The
 * anchors of ANCHORS.md (measured there, not here: Ampleforth UFragments transfer 36,985 and rebase 36,703, CACHE
 * Gold guarded mint 52,340 and transfer 86,412) are printed as notes; their contracts are not in this repository.
 * Every transfer: the sender and the receiver already hold the token, nobody has delegated.
 */
import { ethers, network } from "hardhat";
import { id, type ContractTransactionResponse, type Signer } from "ethers";
import { mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { BPCI_PARAMETERS } from "../../sdk/bpci/core/parameters";
import type {
  AurToken,
  FlxToken,
  GenToken,
  MockAggregatorV3,
  NexToken,
  ParameterRegistry,
  PoeMining,
  RefERC20,
  RefVotesToken,
} from "../../typechain-types";
import { catalogueRegistry, gasOf, row, type BenchContext, type BenchRow, TOKEN as Q } from "./lib";

interface Transferable {
  connect(s: Signer): { transfer(to: string, amount: bigint): Promise<ContractTransactionResponse> };
}

/** Gas of a transfer of `amount` from `from` to `to` (both already holders), in a fresh block. */
async function transferGas(token: Transferable, from: Signer, to: Signer, amount: bigint): Promise<bigint> {
  await mine();
  return gasOf(token.connect(from).transfer(await to.getAddress(), amount));
}

export default async function bpci(ctx: BenchContext): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const [admin, treasury, a, b, c] = [sg[0], sg[15], sg[16], sg[17], sg[18]];
  const [ta, tb] = [await a.getAddress(), await b.getAddress()];

  const registry = await catalogueRegistry(admin.address, BPCI_PARAMETERS);
  const usageFeed = (await ethers.deployContract("MockAggregatorV3", [8, 10n ** 8n])) as unknown as MockAggregatorV3;
  const reserveFeed = (await ethers.deployContract("MockAggregatorV3", [8, 10n ** 15n])) as unknown as MockAggregatorV3;

  // References.
  const oz = (await ethers.deployContract("RefERC20")) as unknown as RefERC20;
  const ozVotes = (await ethers.deployContract("RefVotesToken", [admin.address])) as unknown as RefVotesToken;
  for (const t of [ta, tb]) {
    await oz.mint(t, 1_000n * Q);
    await ozVotes.mint(t, 1_000n * Q);
  }

  // GEN: treasury exempt; a and b hold 500 GEN (below the 1% floor), c holds 5,000 GEN (above it).
  const gen = (await ethers.deployContract("GenToken", [
    admin.address,
    await registry.getAddress(),
    [treasury.address, ta, tb, c.address],
    [94_000n * Q, 500n * Q, 500n * Q, 5_000n * Q],
    [treasury.address],
  ])) as unknown as GenToken;

  const nex = (await ethers.deployContract("NexToken", [
    admin.address,
    await registry.getAddress(),
    21_000_000n * Q,
  ])) as unknown as NexToken;
  await nex.grantRole(await nex.MINTER_ROLE(), admin.address);
  await nex.mint(ta, 1_000n * Q);

  const flx = (await ethers.deployContract("FlxToken", [
    await registry.getAddress(),
    await usageFeed.getAddress(),
    [ta, tb],
    [5_000_000n * Q, 5_000_000n * Q],
  ])) as unknown as FlxToken;

  const aur = (await ethers.deployContract("AurToken", [
    admin.address,
    await registry.getAddress(),
    await reserveFeed.getAddress(),
  ])) as unknown as AurToken;
  await aur.grantRole(await aur.ISSUER_ROLE(), admin.address);
  await aur.mint(ta, 1_000n * Q);
  await aur.mint(tb, 1_000n * Q);

  // Transfers.
  const ozTransfer = await transferGas(oz, a, b, 10n * Q);
  const ozVotesTransfer = await transferGas(ozVotes, a, b, 10n * Q);
  const flxTransfer = await transferGas(flx, a, b, 10n * Q);
  const aurTransfer = await transferGas(aur, a, b, 10n * Q);
  const genTransfer = await transferGas(gen, a, b, 10n * Q);
  const genTransferFull = await transferGas(gen, a, c, 10n * Q);

  // Mints with existing supply to an existing holder.
  await mine();
  const ozVotesMint = await gasOf(ozVotes.mint(ta, 10n * Q));
  await mine();
  const aurMint = await gasOf(aur.mint(ta, 10n * Q));
  await mine();
  const nexMint = await gasOf(nex.mint(ta, 10n * Q));

  // A +1% rebase one period after deployment (the usage answer written a block earlier).
  await usageFeed.updateAnswer(101_000_000n);
  await time.increase(86_400);
  const flxRebase = await gasOf(flx.rebase());
  await mine();
  const flxTransferAfter = await transferGas(flx, a, b, 10n * Q);

  ctx.note(
    `BPCI anchors (ANCHORS.md, measured beside OZ ERC20 34,465): UFragments transfer 36,985 (1.07x) and rebase 36,703; CACHE Gold guarded mint 52,340, transfer 86,412. Here: FLX transfer ${flxTransfer}, FLX rebase ${flxRebase}, AUR mint ${aurMint}, AUR transfer ${aurTransfer}.`,
  );
  const OZ = "OZ ERC20 transfer";
  const OZV = "OZ ERC20Votes transfer";
  const mining = await miningRows(ctx, { admin, registry, nex, aur, flx, ozTransfer, requester: a, reserveFeed });
  return [
    row("FLX transfer (existing recipient)", flxTransfer, OZ, ozTransfer, 1.07),
    row("FLX transfer after a rebase", flxTransferAfter, OZ, ozTransfer, 1.07),
    row("FLX rebase (+1%, feed + 5 registry reads)", flxRebase, "UFragments rebase (ANCHORS)", 36_703n),
    row("AUR mint with reserve check (existing supply)", aurMint, "OZ ERC20Votes mint", ozVotesMint),
    row("AUR transfer", aurTransfer, OZV, ozVotesTransfer, 1.0),
    row("GEN transfer (receiver under the 1% floor)", genTransfer, OZV, ozVotesTransfer, 1.05),
    row("GEN transfer (receiver above 1%, within the cached limit)", genTransferFull, OZV, ozVotesTransfer, 1.05),
    row("NEX mint (yearly window)", nexMint, "OZ ERC20Votes mint", ozVotesMint),
    ...mining,
  ];
}

/**
 * PoE mining rows: a job submitted and confirmed in AUR (the miner's first job of the epoch, and a second one), the
 * epoch close (feeds, Phi, one NEX mint) and an issuance claim in an epoch of 10 and of 1,000 equal miners (the
 * claim is O(1): the two must be equal). Reference: two OZ ERC20 transfers (the escrow in and the payout out).
 * Miners are impersonated accounts registered with `bpci.poe.minStake` lowered to 0 (stake is not on the measured path).
 */
async function miningRows(
  ctx: BenchContext,
  d: {
    admin: Signer;
    registry: ParameterRegistry;
    nex: NexToken;
    aur: AurToken;
    flx: FlxToken;
    ozTransfer: bigint;
    requester: Signer;
    reserveFeed: MockAggregatorV3;
  },
): Promise<BenchRow[]> {
  const { registry, nex, aur, requester } = d;
  const feed = (answer: bigint) => ethers.deployContract("MockAggregatorV3", [8, answer]);
  const feeds = [await feed(10n ** 15n), await feed(99_000_000n), await feed(90_000_000n)];
  const wflx = await ethers.deployContract("StaticVotesWrapper", [await d.flx.getAddress(), "Wrapped Flux", "wFLX", 3]);
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"])
    libraries[name] = await (await ethers.deployContract(name)).getAddress();
  const staking = await ethers.deployContract("MinerStaking", [await nex.getAddress(), await registry.getAddress()], {
    libraries,
  });
  const admin = await d.admin.getAddress();
  const mining = (await ethers.deployContract("PoeMining", [
    admin,
    await registry.getAddress(),
    await staking.getAddress(),
    await nex.getAddress(),
    await wflx.getAddress(),
    await aur.getAddress(),
    admin,
    admin,
    await Promise.all(feeds.map((f) => f.getAddress())),
    86_400n,
    30n * 86_400n,
  ])) as unknown as PoeMining;
  await nex.grantRole(await nex.MINTER_ROLE(), await mining.getAddress());
  await registry.set(id("bpci.poe.minStake"), 0n);
  await d.reserveFeed.updateAnswer(10n ** 15n);
  await aur.mint(await requester.getAddress(), 100_000n * Q);
  await aur.connect(requester).approve(await mining.getAddress(), ethers.MaxUint256);

  const miners: Signer[] = [];
  async function addMiners(n: number) {
    for (let i = 0; i < n; i++) {
      const address = ethers.zeroPadValue(ethers.toBeHex(0xb0c1_0000 + miners.length), 20);
      await network.provider.send("hardhat_setBalance", [address, "0x56BC75E2D63100000"]);
      const s = await ethers.getImpersonatedSigner(address);
      await staking.connect(s).registerMiner(0n);
      miners.push(s);
    }
  }
  let jobs = 0n;
  async function job(miner: Signer, value: bigint): Promise<[bigint, bigint]> {
    const submit = await gasOf(
      mining.connect(requester).submitJob(await miner.getAddress(), 0, await aur.getAddress(), value),
    );
    const confirm = await gasOf(mining.connect(miner).confirmJob(++jobs));
    return [submit, confirm];
  }

  await addMiners(10);
  await mine();
  const [submitFirst, confirmFirst] = await job(miners[0], 1_000n * Q + 7n);
  await mine();
  const [submitAgain, confirmAgain] = await job(miners[0], 1_000n * Q + 7n);
  for (const m of miners.slice(1)) await job(m, 10n * Q);
  await time.increase(86_400);
  const close10 = await gasOf(mining.closeEpoch());
  await mine();
  const claim10 = await gasOf(mining.connect(miners[0]).claimIssuance(0n));

  await addMiners(990);
  for (const m of miners) await job(m, 10n * Q);
  await time.increase(86_400);
  const answers = [10n ** 15n, 99_000_000n, 90_000_000n];
  for (const [k, f] of feeds.entries()) await (f as unknown as MockAggregatorV3).updateAnswer(answers[k]);
  const close1000 = await gasOf(mining.closeEpoch());
  await mine();
  // miners[1] never claimed before (no NEX yet), as miners[0] at the 10-miner claim.
  const claim1000 = await gasOf(mining.connect(miners[1]).claimIssuance(1n));
  ctx.note(
    `PoE mining: submit ${submitFirst} + confirm ${confirmFirst} (first job of the miner), ${submitAgain} + ${confirmAgain} (again); epoch close ${close10} (10 miners) / ${close1000} (1,000); claim ${claim10} (10) / ${claim1000} (1,000).`,
  );
  const TWO = "2 x OZ ERC20 transfer";
  return [
    row("PoE job submit + confirm (AUR, miner's first job)", submitFirst + confirmFirst, TWO, 2n * d.ozTransfer),
    row("PoE job submit + confirm (AUR, same miner again)", submitAgain + confirmAgain, TWO, 2n * d.ozTransfer),
    row("PoE epoch close (3 feeds, Phi, 1 NEX mint), 1,000 miners", close1000, ""),
    row("PoE issuance claim, epoch of 10 miners", claim10, "OZ ERC20 transfer", d.ozTransfer),
    row("PoE issuance claim, epoch of 1,000 miners (equal)", claim1000, "OZ ERC20 transfer", d.ozTransfer),
  ];
}

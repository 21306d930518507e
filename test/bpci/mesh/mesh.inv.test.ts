import { expect } from "chai";
import fc from "fast-check";
import { deployMesh, deployMeshCanary, TOKEN, type MeshFixture } from "../fixtures/mesh";
import { BPCI_INVARIANTS as INV } from "../invariants/spec";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { describeInvariants, warps } from "../invariants/helpers";
import { runModel, type FcDefaults } from "../../helpers/fc";

/** Stakes of the four banks (large against the loans, so that an over-claim shows). */
const STAKES = [5_000n * TOKEN, 4_000n * TOKEN, 3_000n * TOKEN, 2_000n * TOKEN];

type Status = "open" | "withdrawn" | "loan" | "repaid" | "claimed";
interface MOffer {
  id: bigint;
  request: bigint;
  lender: number;
  borrower: number;
  amount: bigint;
  status: Status;
  due: bigint;
  repaid: bigint;
}
interface MSettlement {
  id: bigint;
  from: number;
  to: number;
  token: number; // 0 NEX, 1 AUR
  amount: bigint;
  status: "open" | "confirmed" | "refunded";
}
interface Model {
  stakes: bigint[];
  requests: { id: bigint; borrower: number }[];
  offers: MOffer[];
  settlements: MSettlement[];
}
type Real = MeshFixture & { tokenAddrs: string[] };
type Cmd = fc.AsyncCommand<Model, Real>;

/** The `i`-th latest element (commands mostly act on recent requests, offers and settlements). */
const pick = <T>(xs: T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[xs.length - 1 - (i % xs.length)];

async function check(m: Model, r: Real) {
  const mesh = await r.mesh.getAddress();
  const escrow = [0n, 0n];
  for (const o of m.offers) if (o.status === "open") escrow[0] += o.amount;
  for (const s of m.settlements) if (s.status === "open") escrow[s.token] += s.amount;
  const staked = m.stakes.reduce((a, b) => a + b, 0n);
  for (const t of [0, 1]) {
    expect(await r.mesh.escrowed(r.tokenAddrs[t]), `${INV.MESH_ESCROW} (escrowed ${t})`).to.equal(escrow[t]);
  }
  expect(await r.nex.balanceOf(mesh), `${INV.MESH_ESCROW} (NEX balance)`).to.equal(escrow[0] + staked);
  expect(await r.aur.balanceOf(mesh), `${INV.MESH_ESCROW} (AUR balance)`).to.equal(escrow[1]);
  for (const s of m.settlements) {
    const st = Number(await r.mesh.settlementState(s.id));
    const want = s.status === "confirmed" ? [3] : s.status === "refunded" ? [4] : [1, 2];
    expect(want, `${INV.MESH_SETTLEMENT} (settlement ${s.id})`).to.include(st);
  }
}

class RequestCmd implements Cmd {
  constructor(
    readonly borrower: number,
    readonly amount: bigint,
    readonly rate: number,
    readonly duration: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const b = r.banks[this.borrower];
    await r.mesh.connect(b).heartbeat();
    await r.mesh.connect(b).requestLiquidity(r.tokenAddrs[0], this.amount, this.rate, this.duration);
    m.requests.push({ id: BigInt(m.requests.length + 1), borrower: this.borrower });
    await check(m, r);
  }
  toString = () => `request(${this.borrower}, ${this.amount}, ${this.rate}, ${this.duration})`;
}

class OfferCmd implements Cmd {
  constructor(
    readonly lender: number,
    readonly req: number,
    readonly amount: bigint,
    readonly rate: number,
  ) {}
  check = (m: Readonly<Model>) => m.requests.length > 0;
  async run(m: Model, r: Real) {
    const q = pick(m.requests, this.req)!;
    if (q.borrower === this.lender || Number(await r.mesh.requestState(q.id)) !== 1) return;
    const rq = await r.mesh.requestOf(q.id);
    const amount = this.amount > rq.amount - rq.accepted ? rq.amount - rq.accepted : this.amount;
    if (amount === 0n || rq.offers >= 16n) return;
    const rate = Math.min(this.rate, Number(rq.maxRateBps));
    const b = r.banks[this.lender];
    await r.mesh.connect(b).heartbeat();
    await r.mesh.connect(b).offer(q.id, amount, rate, "0x" + "11".repeat(32));
    m.offers.push({
      id: BigInt(m.offers.length + 1),
      request: q.id,
      lender: this.lender,
      borrower: q.borrower,
      amount,
      status: "open",
      due: 0n,
      repaid: 0n,
    });
    await check(m, r);
  }
  toString = () => `offer(${this.lender}, ${this.req}, ${this.amount}, ${this.rate})`;
}

class AcceptCmd implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.offers.length > 0;
  async run(m: Model, r: Real) {
    const o = pick(m.offers, this.i)!;
    if (o.status !== "open" || Number(await r.mesh.requestState(o.request)) !== 1) return;
    const rq = await r.mesh.requestOf(o.request);
    if (o.amount > rq.amount - rq.accepted) return;
    const b = r.banks[o.borrower];
    await r.mesh.connect(b).heartbeat();
    await r.mesh.connect(b).accept(o.id);
    o.status = "loan";
    o.due = (await r.mesh.offerOf(o.id)).due;
    await check(m, r);
  }
  toString = () => `accept(${this.i})`;
}

class WithdrawCmd implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.offers.length > 0;
  async run(m: Model, r: Real) {
    const o = pick(m.offers, this.i)!;
    if (o.status !== "open") return;
    const lender = r.banks[o.lender];
    const before = await r.nex.balanceOf(lender.address);
    await r.mesh.connect(lender).withdrawOffer(o.id);
    expect(await r.nex.balanceOf(lender.address), INV.MESH_ESCROW).to.equal(before + o.amount);
    o.status = "withdrawn";
    await check(m, r);
  }
  toString = () => `withdraw(${this.i})`;
}

class RepayCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly part: number,
  ) {}
  check = (m: Readonly<Model>) => m.offers.length > 0;
  async run(m: Model, r: Real) {
    const o = pick(m.offers, this.i)!;
    if (o.status !== "loan") return;
    const owed = o.due - o.repaid;
    const amount = (owed * BigInt(this.part)) / 4n || owed;
    const lender = r.banks[o.lender].address;
    const before = await r.nex.balanceOf(lender);
    await r.mesh.connect(r.banks[o.borrower]).repay(o.id, amount);
    expect(await r.nex.balanceOf(lender), INV.MESH_CLAIM).to.equal(before + amount);
    o.repaid += amount;
    if (o.repaid === o.due) o.status = "repaid";
    await check(m, r);
  }
  toString = () => `repay(${this.i}, ${this.part}/4)`;
}

class ClaimCmd implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.offers.length > 0;
  async run(m: Model, r: Real) {
    const o = pick(m.offers, this.i)!;
    if (o.status !== "loan" || Number(await r.mesh.loanState(o.id)) !== 2) return;
    const lender = r.banks[o.lender];
    const shortfall = o.due - o.repaid;
    const stake = m.stakes[o.borrower];
    const expected = shortfall < stake ? shortfall : stake;
    const before = await r.nex.balanceOf(lender.address);
    await r.mesh.connect(lender).claim(o.id);
    const got = (await r.nex.balanceOf(lender.address)) - before;
    expect(got <= shortfall, `${INV.MESH_CLAIM} (claimed ${got} > shortfall ${shortfall})`).to.equal(true);
    expect(got, INV.MESH_CLAIM).to.equal(expected);
    m.stakes[o.borrower] -= expected;
    o.status = "claimed";
    await check(m, r);
  }
  toString = () => `claim(${this.i})`;
}

class SettleCmd implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly token: number,
    readonly amount: bigint,
  ) {}
  check = () => this.from !== this.to;
  async run(m: Model, r: Real) {
    const b = r.banks[this.from];
    await r.mesh.connect(b).heartbeat();
    // an expelled/None counterparty never happens here: the four banks stay members
    await r.mesh
      .connect(b)
      .openSettlement(r.banks[this.to].address, r.tokenAddrs[this.token], this.amount, "0x" + "22".repeat(32));
    m.settlements.push({
      id: BigInt(m.settlements.length + 1),
      from: this.from,
      to: this.to,
      token: this.token,
      amount: this.amount,
      status: "open",
    });
    await check(m, r);
  }
  toString = () => `settle(${this.from}->${this.to}, ${this.token}, ${this.amount})`;
}

class CloseCmd implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.settlements.length > 0;
  async run(m: Model, r: Real) {
    const s = pick(m.settlements, this.i)!;
    if (s.status !== "open") return;
    const st = Number(await r.mesh.settlementState(s.id));
    const erc = s.token === 0 ? r.nex : r.aur;
    const to = r.banks[st === 1 ? s.to : s.from].address;
    const before = await erc.balanceOf(to);
    // Open: the counterparty confirms; Expired: anyone refunds (a confirm then must fail).
    if (st === 1) {
      await r.mesh.connect(r.banks[s.to]).confirmSettlement(s.id);
      s.status = "confirmed";
    } else {
      await expect(r.mesh.connect(r.banks[s.to]).confirmSettlement(s.id)).to.be.revertedWithCustomError(
        r.mesh,
        "BankMeshUnexpectedSettlementState",
      );
      await r.mesh.connect(r.stranger).refundSettlement(s.id);
      s.status = "refunded";
    }
    expect(await erc.balanceOf(to), INV.MESH_SETTLEMENT).to.equal(before + s.amount);
    await check(m, r);
  }
  toString = () => `close(${this.i})`;
}

const bank = fc.integer({ min: 0, max: 3 });
const recent = fc.integer({ min: 0, max: 3 });
const small = fc.bigInt({ min: 1n, max: 500n * TOKEN });
const commands = [
  fc
    .tuple(bank, small, fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 3_600 }))
    .map(([b, a, rate, d]) => new RequestCmd(b, a, rate, d)),
  fc
    .tuple(bank, recent, small, fc.integer({ min: 0, max: 50_000 }))
    .map(([b, q, a, rate]) => new OfferCmd(b, q, a, rate)),
  recent.map((i) => new AcceptCmd(i)),
  recent.map((i) => new AcceptCmd(i)),
  recent.map((i) => new WithdrawCmd(i)),
  fc.tuple(recent, fc.integer({ min: 0, max: 4 })).map(([i, p]) => new RepayCmd(i, p)),
  recent.map((i) => new ClaimCmd(i)),
  recent.map((i) => new ClaimCmd(i)),
  fc.tuple(bank, bank, fc.integer({ min: 0, max: 1 }), small).map(([a, b, t, x]) => new SettleCmd(a, b, t, x)),
  recent.map((i) => new CloseCmd(i)),
  warps<Model, Real>(4 * 3_600),
  warps<Model, Real>(600),
];

async function withBanks(deploy: typeof deployMesh): Promise<Real> {
  const f = await deploy();
  for (const [i, b] of f.banks.entries()) await f.mesh.connect(b).join(STAKES[i], `bank${i}`, `https://b${i}`);
  return { ...f, tokenAddrs: [await f.nex.getAddress(), await f.aur.getAddress()] };
}
const realMesh = () => withBanks(deployMesh);
const overClaimCanary = () => withBanks(deployMeshCanary);

/** Like `campaignOf`, but sequences drawn at full length (`size: "max"`): a default needs several steps in a row. */
const campaign = (fixture: () => Promise<Real>, defaults: FcDefaults, fixed = false) =>
  runModel<Model, Real>({
    commands,
    defaults,
    fixed,
    size: "max",
    check,
    setup: async () => ({
      real: await loadFixture(fixture),
      model: { stakes: [...STAKES], requests: [], offers: [], settlements: [] },
    }),
  });

describeInvariants(
  "invariants: BPCI bank mesh",
  {
    title: `${INV.MESH_ESCROW}; ${INV.MESH_SETTLEMENT}; ${INV.MESH_CLAIM}`,
    run: () => campaign(realMesh, { runs: 15, cmds: 60 }),
  },
  {
    title: "catches the known-bad canary whose claim takes the whole stake instead of the shortfall",
    run: () => campaign(overClaimCanary, { runs: 30, cmds: 40 }, true),
    caught: /MESH_CLAIM|MESH_ESCROW/,
  },
);

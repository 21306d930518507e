import { expect } from "chai";
import { previewSchedule, epochEmission } from "../../../sdk/quiver/core/emission";
import { DEFAULT_BASE_EPOCH_EMISSION, DEFAULT_EPOCH_LENGTH } from "../../../deploy/quiver/modules/Emission";
import { TOKEN as QUIV } from "../../helpers/units";

const S = { base: DEFAULT_BASE_EPOCH_EMISSION, epochLength: DEFAULT_EPOCH_LENGTH, halvingInterval: 1_460n * 86_400n };
const GENESIS = 400_000_000n * QUIV;
const CAP = 1_000_000_000n * QUIV;

describe("emission schedule preview (sdk/quiver/core/emission.ts): the documented default numbers", () => {
  const rows = previewSchedule(S, GENESIS, CAP, 2_000n, 10_000n, 0n, 2_000n);

  it("emits 1,440,000 QUIV per epoch in year 0 (53 epochs: 76,320,000 QUIV, 19.08% of genesis)", () => {
    const year0 = rows.filter((r) => r.epoch < 53n);
    expect(year0.every((r) => r.amount === 1_440_000n * QUIV)).to.equal(true);
    expect(year0[52].totalMinted - GENESIS).to.equal(76_320_000n * QUIV);
  });

  it("halves at epoch 209 (the first to start at or after 1,460 days) and again at epoch 418", () => {
    expect(rows[208].amount).to.equal(1_440_000n * QUIV);
    expect(rows[209].amount).to.equal(720_000n * QUIV);
    expect(rows[417].amount).to.equal(720_000n * QUIV);
    expect(rows[418].amount).to.equal(360_000n * QUIV);
  });

  it("reaches the 1B cap exactly at epoch 1,829 (about year 35) and emits 0 afterwards", () => {
    const first = rows.findIndex((r) => r.totalMinted === CAP);
    expect(first).to.equal(1_829);
    expect(rows[first].amount < rows[first - 1].amount).to.equal(true);
    expect(rows.slice(first + 1).every((r) => r.amount === 0n)).to.equal(true);
  });

  it("at the 2.0 multiplier the 20% yearly cap binds: year 0 mints exactly 80,000,000 QUIV", () => {
    const fast = previewSchedule(S, GENESIS, CAP, 2_000n, 20_000n, 0n, 53n);
    expect(fast[52].totalMinted - GENESIS).to.equal(80_000_000n * QUIV);
    expect(fast[27].amount).to.equal(2_240_000n * QUIV); // 27 x 2.88M = 77.76M, then the 2.24M left
    expect(fast[28].amount).to.equal(0n);
  });

  it("is 0 without overflow after 256+ halvings", () => {
    expect(epochEmission(S, 1_000_000n, 20_000n, CAP, CAP)).to.equal(0n);
  });
});

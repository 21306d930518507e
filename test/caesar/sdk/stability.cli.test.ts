/**
 * The stability controller in the CAESAR preset through the CLI: `kit caesar stability [show|update]` (text and
 * --json), the SDK reader equal to `status()`, and the too-early update refused with the controller's error.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CAESAR_TEST_KEY_2 } from "../../../sdk/caesar/preset";
import { buildStabilityUpdate, connectCaesarStability, readStability } from "../../../sdk/caesar";
import { deployCaesarPreset } from "./fixture";
import { addressBookFile, kitRunner } from "../../helpers/kitCli";

async function fixture() {
  const f = await deployCaesarPreset();
  const bookFile = addressBookFile(f.book.contracts, "kit-caesar-stability-").file;
  return { ...f, bookFile };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit } = kitRunner({ book: () => f.bookFile });

describe("CAESAR preset: kit caesar stability", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("shows the controller's status (--json equal to the SDK reader, text readable)", async () => {
    const s = await readStability(connectCaesarStability(f.book, f.deployer));
    const r = await kit(["--json", "caesar", "stability", "show"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json().targetPriceWad).to.equal(s.targetPriceWad.toString());
    expect(r.json().factorBps).to.equal("10000");
    expect(r.json().paused).to.equal(false);
    const t = await kit(["caesar", "stability"]);
    expect(t.code, t.stderr).to.equal(0);
    expect(t.stdout).to.contain("fee stability factor 10000 bps");
  });

  it("updates the controller from any account once the interval passed, and refuses it too early", async () => {
    const early = await kit(["caesar", "stability", "update"], CAESAR_TEST_KEY_2);
    expect(early.code).to.not.equal(0);
    expect(early.stderr).to.contain("StabilityUpdateTooEarly");
    await time.increase(3_600);
    const r = await kit(["--json", "caesar", "stability", "update"], CAESAR_TEST_KEY_2);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json().action).to.equal("update");
    const s = await readStability(connectCaesarStability(f.book, f.deployer));
    expect(s.lastUpdate).to.equal(BigInt(await time.latest()));
    expect(s.marketPriceWad).to.equal(10n ** 18n); // the seeded 1:1 pool
    expect(s.outputWad).to.equal(0n);
    const req = buildStabilityUpdate(f.book.contracts["Caesar#StabilityController"]);
    expect(req.functionName).to.equal("update");
  });
});

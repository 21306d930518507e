// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FlxRebaseMath} from "../../bpci/tokens/libraries/FlxRebaseMath.sol";

/// @notice Test-only: exposes FlxRebaseMath for the differential test against sdk/bpci/core/rebase.ts.
contract FlxRebaseMathHarness {
    function totalGonsFor(uint256 initialSupply) external pure returns (uint256) {
        return FlxRebaseMath.totalGonsFor(initialSupply);
    }

    function gonsPerFragment(uint256 totalGons, uint256 supply) external pure returns (uint256) {
        return FlxRebaseMath.gonsPerFragment(totalGons, supply);
    }

    function toFragmentsDown(uint256 gons, uint256 gpf) external pure returns (uint256) {
        return FlxRebaseMath.toFragmentsDown(gons, gpf);
    }

    function deltaWad(
        uint256 usage,
        uint256 target,
        uint256 maxBps,
        uint256 deadbandBps
    ) external pure returns (int256) {
        return FlxRebaseMath.deltaWad(usage, target, maxBps, deadbandBps);
    }

    function nextSupply(uint256 supply, int256 delta, uint256 maxSupply) external pure returns (uint256) {
        return FlxRebaseMath.nextSupply(supply, delta, maxSupply);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AurReserveMath} from "../../bpci/tokens/libraries/AurReserveMath.sol";

/// @notice Test-only: exposes AurReserveMath for the differential test against sdk/bpci/core/reserve.ts.
contract AurReserveMathHarness {
    function requiredReservesUp(uint256 supplyAfter, uint256 marginBps) external pure returns (uint256) {
        return AurReserveMath.requiredReservesUp(supplyAfter, marginBps);
    }

    function maxMintableDown(uint256 reserves, uint256 supply, uint256 marginBps) external pure returns (uint256) {
        return AurReserveMath.maxMintableDown(reserves, supply, marginBps);
    }
}

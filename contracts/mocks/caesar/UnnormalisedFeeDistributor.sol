// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {ICaesarToken} from "../../caesar/ICaesarToken.sol";
import {CaesarFeeDistributor} from "../../caesar/agents/CaesarFeeDistributor.sol";

/// @notice Known-bad canary: the seed's formula, a normalised share plus an un-normalised 10% accuracy bonus on top,
/// so an epoch can pay more than its pot (taking other epochs' money). The distributor invariant suite must catch it.
contract UnnormalisedFeeDistributor is CaesarFeeDistributor {
    constructor(
        ICaesarToken caesar,
        IParameterRegistry registry,
        address admin,
        address treasury_
    ) CaesarFeeDistributor(caesar, registry, admin, treasury_) {}

    function _reward(uint256 pot, uint256 weighted, uint256 totalWeighted) internal pure override returns (uint256) {
        if (totalWeighted == 0) return 0;
        uint256 share = Math.mulDiv(pot, weighted, totalWeighted);
        return share + share / 10;
    }
}

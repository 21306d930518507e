// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceSource} from "../../caesar/stability/IPriceSource.sol";

/// @notice Test market price: returns what it was told.
contract MockPriceSource is IPriceSource {
    uint256 public price = 1e18;

    function set(uint256 price_) external {
        price = price_;
    }

    function observe() external view returns (uint256) {
        return price;
    }

    function peek() external view returns (uint256) {
        return price;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPricingFeed} from "../../quiver/pricing/IPricingFeed.sol";

/// @notice Test-only PricingOracle: the test sets the network fee and reference prices; activity is counted.
contract MockPricingOracle is IPricingFeed {
    uint256 public networkFeeBps = 300; // 3%
    mapping(uint8 sizeClass => uint256) public prices;
    mapping(uint8 sizeClass => uint256) public demand;
    mapping(uint8 sizeClass => uint256) public supply;

    function setNetworkFeeBps(uint256 bps) external {
        networkFeeBps = bps;
    }

    function setReferencePrice(uint8 sizeClass, uint256 price) external {
        prices[sizeClass] = price;
    }

    function referencePrice(uint8 sizeClass) external view returns (uint256) {
        return prices[sizeClass];
    }

    function recordActivity(uint8 sizeClass, uint256 posted, uint256 bids) external {
        demand[sizeClass] += posted;
        supply[sizeClass] += bids;
    }
}

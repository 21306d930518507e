// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPricingFeed} from "../../quiver/pricing/IPricingFeed.sol";

/// @notice Test-only PricingOracle: the test sets the network fee and reference prices; settlements are summed
/// as reported (`settled`: jobs, `paid`: their prices, `bids`: their revealed bids), unweighted, in one storage slot
/// per class (the real oracle also writes one slot per report, so the market's gas rows stay representative).
contract MockPricingOracle is IPricingFeed {
    uint256 public networkFeeBps = 300; // 3%
    mapping(uint8 sizeClass => uint256) public prices;
    struct Reports {
        uint64 settled;
        uint128 paid;
        uint64 bids;
    }

    mapping(uint8 sizeClass => Reports) private _reports;

    function setNetworkFeeBps(uint256 bps) external {
        networkFeeBps = bps;
    }

    function setReferencePrice(uint8 sizeClass, uint256 price) external {
        prices[sizeClass] = price;
    }

    /// @notice The price the test set, or 10 QUIV (the market tests' usual maximum price) for a class it did not, so
    /// that their bids count as supply unless a test says otherwise.
    function referencePrice(uint8 sizeClass) external view returns (uint256) {
        uint256 p = prices[sizeClass];
        return p == 0 ? 10 ether : p;
    }

    function recordSettlement(uint8 sizeClass, uint256 price, uint256 revealed) external {
        Reports memory r = _reports[sizeClass];
        r.settled += 1;
        r.paid += uint128(price);
        r.bids += uint64(revealed);
        _reports[sizeClass] = r;
    }

    function settled(uint8 sizeClass) external view returns (uint256) {
        return _reports[sizeClass].settled;
    }

    function paid(uint8 sizeClass) external view returns (uint256) {
        return _reports[sizeClass].paid;
    }

    function bids(uint8 sizeClass) external view returns (uint256) {
        return _reports[sizeClass].bids;
    }
}

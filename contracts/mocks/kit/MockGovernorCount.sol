// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only stand-in for a Governor with GovernorStorage's `proposalCount`.
contract MockGovernorCount {
    uint256 public proposalCount;

    function setProposalCount(uint256 n) external {
        proposalCount = n;
    }
}

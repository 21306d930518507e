// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title MockVotesSource
/// @notice Test-only ERC20Votes with a free `mint`: a second vote source (for example staked QUIV or a BPCI
/// token) for the weighted-votes tests, and a plain ERC-20 for treasury tests. `timestampClock = false` keeps
/// OZ's block-number clock, which the governor must reject.
contract MockVotesSource is ERC20, ERC20Permit, ERC20Votes {
    bool private immutable _timestampClock;

    constructor(string memory name_, bool timestampClock) ERC20(name_, name_) ERC20Permit(name_) {
        _timestampClock = timestampClock;
    }

    /// @notice Mints `amount` to `to` (test only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function clock() public view override returns (uint48) {
        return _timestampClock ? uint48(block.timestamp) : uint48(block.number);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view override returns (string memory) {
        return _timestampClock ? "mode=timestamp" : "mode=blocknumber&from=default";
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

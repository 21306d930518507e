// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {MockVotingPowerSink} from "./MockVotingPowerSink.sol";

/// @title MockHookedVotesSource
/// @notice Test/bench-only ERC20Votes (timestamp clock) that reports every delegate-votes move to a
/// MockVotingPowerSink: the hook a source would need for a checkpointed voting-power token (see the sink).
contract MockHookedVotesSource is ERC20, ERC20Permit, ERC20Votes {
    MockVotingPowerSink private immutable _sink;

    constructor(string memory name_, MockVotingPowerSink sink) ERC20(name_, name_) ERC20Permit(name_) {
        _sink = sink;
    }

    /// @notice Mints `amount` to `to` (test only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        super._transferVotingUnits(from, to, amount);
        _sink.onVotesMoved(delegates(from), delegates(to), amount);
    }

    function _delegate(address account, address delegatee) internal override {
        address old = delegates(account);
        super._delegate(account, delegatee);
        _sink.onVotesMoved(old, delegatee, _getVotingUnits(account));
    }
}

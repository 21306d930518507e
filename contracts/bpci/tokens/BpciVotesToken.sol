// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title BpciVotesToken
/// @notice Abstract base of GEN and AUR: ERC-20, EIP-2612 permit and ERC-5805 votes on the timestamp clock, and
/// nothing else (no burn, no mint path). The kit's CappedVotesToken does not fit them: it is burnable by any holder
/// (GEN's supply must stay constant; AUR burns only through `redeem`, which tells the custodian what to release) and
/// its cumulative cap would cost AUR's guarded mint an extra storage write while the reserve feed is AUR's real cap.
/// NEX, which is capped and may be burned, uses CappedVotesToken.
abstract contract BpciVotesToken is ERC20, ERC20Permit, ERC20Votes {
    /// @param name_ token name, also the EIP-712 domain name of permit and delegateBySig
    /// @param symbol_ token symbol
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) ERC20Permit(name_) {}

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view virtual override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure virtual override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view virtual override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal virtual override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

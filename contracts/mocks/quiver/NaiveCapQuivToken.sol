// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @notice Test-only canary: a QUIV look-alike with the classic bug QuivToken avoids. Its cap is OpenZeppelin's
/// ERC20Capped, which bounds `totalSupply`, so burned tokens reopen room under the cap. The QUIV invariant suite
/// must fail on it (SECURITY-CHECKLIST "known-bad canaries"). Never deployed by a module.
contract NaiveCapQuivToken is ERC20, ERC20Burnable, ERC20Capped, ERC20Permit, ERC20Votes, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    uint256 private _burned;
    uint256 private _minted;

    constructor(
        address admin,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20("QUIV", "QUIV") ERC20Capped(1_000_000_000e18) ERC20Permit("QUIV") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < recipients.length; ++i) _mint(recipients[i], amounts[i]);
    }

    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    function totalMinted() external view returns (uint256) {
        return _minted;
    }

    function totalBurned() external view returns (uint256) {
        return _burned;
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

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped, ERC20Votes) {
        super._update(from, to, value);
        if (from == address(0)) _minted += value;
        if (to == address(0)) _burned += value;
    }
}

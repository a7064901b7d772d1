import { createHandler } from '../../src/router'
import { adminHandlers } from '../../src/admin/handlers'
import { stepHandlers } from '../../src/admin/steps'
import { adminReviewHandlers } from '../../src/review/handlers'
import { adminAftersaleHandlers } from '../../src/aftersale/admin'
import { adminLoyaltyHandlers } from '../../src/loyalty/handlers'
import { adminWalletHandlers } from '../../src/wallet/admin'
import { adminMemberHandlers } from '../../src/admin/members'
import { adminWithdrawalHandlers } from '../../src/withdrawal/handlers'

/** The merchant function: every action whose contract says `fn: 'admin'`; roles come from `admins`. */
export const main = createHandler('admin', {
  ...adminHandlers,
  ...stepHandlers,
  ...adminReviewHandlers,
  ...adminAftersaleHandlers,
  ...adminLoyaltyHandlers,
  ...adminWalletHandlers,
  ...adminMemberHandlers,
  ...adminWithdrawalHandlers,
})

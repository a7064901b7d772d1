/** Demo recharge packages (pay X, get Y bonus): the 充值 page shows them on a fresh `npm start`. */
const DAY = 86_400_000

export function generateRechargePackages(base: number) {
  const at = base + DAY
  return [
    { _id: 'rp_100', title: '充100送10', payFen: 10_000, bonusFen: 1_000, perMemberLimit: 0, sort: 1 },
    { _id: 'rp_300', title: '充300送40', payFen: 30_000, bonusFen: 4_000, perMemberLimit: 0, sort: 2 },
    // a limited one, so the limit shows on the page
    { _id: 'rp_500', title: '充500送80', payFen: 50_000, bonusFen: 8_000, perMemberLimit: 2, sort: 3 },
  ].map((p) => ({ ...p, active: true, createdAt: at, updatedAt: at }))
}

/** pay actions of the shop function (filled in by the shopping-journey work). */
export const payHandlers = {}

/** Pay actions: filled in by the shopping-journey work. */
export const payActions = {}

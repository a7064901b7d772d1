import { ADDRESS_MAX } from '../order/types'
import type { Ctx, Handler } from '../router'
import { first, list } from '../db'
import { fail } from '../errors'
import { newId } from '../order/ids'
import { toAddress, type AddressDoc } from '../order/checkout'
import { sealPhone } from '../pii/phone'

const all = (ctx: Ctx) =>
  list<AddressDoc>(
    ctx.db
      .collection('addresses')
      .where({ openid: ctx.openid })
      .limit(ADDRESS_MAX + 1),
  )

async function own(ctx: Ctx, id: string): Promise<AddressDoc> {
  const a = await first<AddressDoc>(
    ctx.db.collection('addresses').where({ _id: id, openid: ctx.openid }).limit(1),
  )
  return a ?? fail('ADDRESS_NOT_FOUND')
}

/** Only one default per shopper: clear the others (scoped to this shopper) after setting one. */
async function makeDefault(ctx: Ctx, id: string) {
  const _ = ctx.db.command
  await ctx.db
    .collection('addresses')
    .where({ openid: ctx.openid, _id: _.neq(id), isDefault: true })
    .update({ data: { isDefault: false } })
  await ctx.db
    .collection('addresses')
    .where({ _id: id, openid: ctx.openid })
    .update({ data: { isDefault: true } })
}

export const addressHandlers = {
  'address.list': (async (_input, ctx) => {
    const rows = await all(ctx)
    return rows.sort((a, b) => Number(!!b.isDefault) - Number(!!a.isDefault)).map(toAddress)
  }) as Handler<'address.list'>,

  'address.save': (async (input, ctx) => {
    const { id, isDefault, phone: plain, ...rest } = input
    // sealed before it is stored (the input schema has normalised and checked it); the list opens it
    const phone = sealPhone(plain)
    const fields = { ...rest, postalCode: rest.postalCode ?? '' }
    const at = ctx.now()
    let addressId = id
    if (id) {
      await own(ctx, id)
      await ctx.db
        .collection('addresses')
        .where({ _id: id, openid: ctx.openid })
        // set: replace the whole value (an update merges objects field by field, and an old doc may hold a string)
        .update({ data: { ...fields, phone: ctx.db.command.set(phone), updatedAt: at } })
    } else {
      const existing = await all(ctx)
      if (existing.length >= ADDRESS_MAX) fail('INVALID_INPUT', `最多保存${ADDRESS_MAX}个地址`)
      addressId = newId('a')
      await ctx.db.collection('addresses').add({
        data: {
          _id: addressId,
          openid: ctx.openid,
          ...fields,
          phone,
          isDefault: false,
          createdAt: at,
          updatedAt: at,
        },
      })
      if (existing.length === 0) await makeDefault(ctx, addressId)
    }
    if (isDefault) await makeDefault(ctx, addressId!)
    return toAddress(await own(ctx, addressId!))
  }) as Handler<'address.save'>,

  'address.remove': (async (input, ctx) => {
    const a = await own(ctx, input.id)
    const res = (await ctx.db.collection('addresses').where({ _id: a._id, openid: ctx.openid }).remove()) as {
      stats: { removed: number }
    }
    if (a.isDefault) {
      const next = (await all(ctx))[0]
      if (next) await makeDefault(ctx, next._id)
    }
    return { removed: res.stats.removed === 1 }
  }) as Handler<'address.remove'>,

  'address.setDefault': (async (input, ctx) => {
    await own(ctx, input.id)
    await makeDefault(ctx, input.id)
    return toAddress(await own(ctx, input.id))
  }) as Handler<'address.setDefault'>,
}

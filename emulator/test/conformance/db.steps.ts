/**
 * The database steps of results.json, each rebuilt from the requests captured in traffic.jsonl.
 * Steps depend on each other (same order as the capture).
 */
import type { Step, StepCtx } from './harness'

/* eslint-disable @typescript-eslint/no-explicit-any */
const x = (c: StepCtx) => c.db.collection('x')

export const dbSteps: Step[] = [
  { step: 'db.createCollection x', run: (c) => c.db.createCollection('x') },
  { step: 'db.createCollection orders', run: (c) => c.db.createCollection('orders') },
  { step: 'db.createCollection x again (already exists)', run: (c) => c.db.createCollection('x') },
  {
    step: 'collection.add (single)',
    run: async (c) => {
      const r = await x(c).add({
        data: {
          a: 2,
          b: 'x',
          n: 1,
          f: 1.5,
          arr: [1],
          tags: ['p', 'q'],
          nested: { k: 'v', deep: { z: 1 } },
          t: new Date(1704164645678),
          flag: false,
          nul: null,
          loc: c.db.Geo.Point(113.32452, 23.099994),
          created: c.db.serverDate(),
        },
      })
      c.vars.first = r._id
      return r
    },
  },
  {
    step: 'collection.add (array -> batch insert)',
    run: (c) =>
      x(c).add({
        data: [
          {
            _id: 'fixed-id-1',
            a: 5,
            b: 'y',
            n: 10,
            arr: [3, 4],
            tags: ['q'],
            items: [
              { sku: 'A', qty: 2 },
              { sku: 'B', qty: 0 },
            ],
          },
          { _id: 'fixed-id-2', a: 0, b: 'z', n: 3, arr: [], tags: [], name: 'Alice' },
          { a: 7, b: 'x', n: 7, name: 'alfred', loc: c.db.Geo.Point(113.33, 23.1) },
        ],
      }),
  },
  { step: 'collection.add duplicate _id', run: (c) => x(c).add({ data: { _id: 'fixed-id-1' } }) },
  {
    step: 'collection.add into missing collection',
    run: (c) => c.db.collection('nope').add({ data: { a: 1 } }),
  },
  { step: 'doc(id).get()', run: (c) => x(c).doc(c.vars.first).get() },
  { step: 'doc(id).field().get()', run: (c) => x(c).doc(c.vars.first).field({ a: true, t: true }).get() },
  { step: 'doc(missing).get() -> throwOnNotFound', run: (c) => x(c).doc('no-such-id').get() },
  {
    step: 'where a>1,b in -> orderBy/skip/limit/field get',
    run: (c) =>
      x(c)
        .where({ a: c._.gt(1), b: c._.in(['x', 'y']) })
        .orderBy('a', 'desc')
        .orderBy('n', 'asc')
        .skip(1)
        .limit(10)
        .field({ a: true, b: true, n: true })
        .get(),
  },
  {
    step: 'field() mixing inclusion and exclusion (server-side error)',
    run: (c) => x(c).field({ a: true, tags: false }).get(),
  },
  { step: 'collection.get() no where (default limit 100)', run: (c) => x(c).get() },
  { step: 'limit(5000) is clamped client-side', run: (c) => x(c).limit(5000).get() },
  { step: 'collection.count() with where', run: (c) => x(c).where({ b: 'x' }).count() },
  { step: 'collection.count() no where', run: (c) => x(c).count() },
  { step: 'get on missing collection', run: (c) => c.db.collection('nope').get() },
  {
    step: 'doc(id).update inc/push/serverDate',
    run: (c) =>
      x(c)
        .doc(c.vars.first)
        .update({
          data: {
            n: c._.inc(1),
            arr: c._.push(2),
            t: c.db.serverDate(),
            nested: { k: 'v2' },
            'dotted.path': 1,
          },
        }),
  },
  { step: 'doc(id).get() after update', run: (c) => x(c).doc(c.vars.first).get() },
  {
    step: 'doc(missing).update -> updated 0',
    run: (c) =>
      x(c)
        .doc('no-such-id')
        .update({ data: { a: 1 } }),
  },
  {
    step: 'where().update multi',
    run: (c) =>
      x(c)
        .where({ b: 'x' })
        .update({ data: { flag: true, n: c._.mul(2) } }),
  },
  {
    step: 'where().update with _id in data (rejected client-side)',
    run: (c) =>
      x(c)
        .where({ b: 'x' })
        .update({ data: { _id: 'zzz', a: 1 } }),
  },
  {
    step: 'doc(id).set (replace existing)',
    run: (c) =>
      x(c)
        .doc('fixed-id-2')
        .set({ data: { replaced: true, when: new Date(1714953600000) } }),
  },
  {
    step: 'doc(new).set (upsert)',
    run: (c) =>
      x(c)
        .doc('set-upsert-id')
        .set({ data: { created: 'by set' } }),
  },
  {
    step: 'doc(id).set with command (rejected client-side)',
    run: (c) =>
      x(c)
        .doc(c.vars.first)
        .set({ data: { n: c._.inc(1) } }),
  },
  {
    step: 'query: and/or/exists/elemMatch/neq/nin/all/size/mod',
    run: (c) => {
      const _ = c._
      return x(c)
        .where(
          _.or([
            { a: _.gt(1).and(_.lt(10)), name: _.exists(true) },
            { items: _.elemMatch({ sku: 'A', qty: _.gte(1) }) },
            { b: _.neq('q'), tags: _.nin(['zzz']) },
            { tags: _.all(['q']) },
            { arr: _.size(2) },
            { n: _.mod(5, 0) },
          ]),
        )
        .get()
    },
  },
  {
    step: 'query: _.and([...]) top level + nested object equality',
    run: (c) =>
      x(c)
        .where(c._.and([{ a: c._.gte(0) }, { nested: { k: 'v2' } }]))
        .get(),
  },
  {
    step: 'query: db.RegExp + JS regex',
    run: (c) =>
      x(c)
        .where({ name: c.db.RegExp({ regexp: '^al', options: 'i' }), b: /x|y/ })
        .get(),
  },
  {
    step: 'query: Date comparison',
    run: (c) =>
      x(c)
        .where({ t: c._.lt(new Date(1893456000000)) })
        .count(),
  },
  { step: 'query: where({}) empty object', run: (c) => x(c).where({}).count() },
  {
    step: 'query: _.not / _.nor',
    run: (c) =>
      x(c)
        .where({ a: c._.not(c._.gt(5)) })
        .get(),
  },
  {
    step: 'query: geoNear',
    run: (c) =>
      x(c)
        .where({
          loc: c._.geoNear({ geometry: c.db.Geo.Point(113.3245, 23.1), maxDistance: 5000, minDistance: 0 }),
        })
        .get(),
  },
  {
    step: 'query: geoWithin polygon',
    run: (c) => {
      const G = c.db.Geo
      const ring = G.LineString([
        G.Point(113, 23),
        G.Point(114, 23),
        G.Point(114, 24),
        G.Point(113, 24),
        G.Point(113, 23),
      ])
      return x(c)
        .where({ loc: c._.geoWithin({ geometry: G.Polygon([ring]) }) })
        .get()
    },
  },
  {
    step: 'query: geoWithin centerSphere',
    run: (c) =>
      x(c)
        .where({ loc: c._.geoWithin({ centerSphere: [[113.3245, 23.1], 0.001] }) })
        .get(),
  },
  {
    step: 'query: geoIntersects',
    run: (c) => {
      const G = c.db.Geo
      const ring = G.LineString([G.Point(113, 23), G.Point(114, 23), G.Point(114, 24), G.Point(113, 23)])
      return x(c)
        .where({ loc: c._.geoIntersects({ geometry: G.Polygon([ring]) }) })
        .get()
    },
  },
  {
    step: 'projection operators: slice / elemMatch',
    run: (c) =>
      x(c)
        .doc('fixed-id-1')
        .field({ items: c._.project.elemMatch({ qty: c._.gt(1) }), arr: c._.project.slice(1) })
        .get(),
  },
  {
    step: 'update: set/remove/pull/pullAll/addToSet/min/max/rename',
    run: (c) => {
      const _ = c._
      return x(c)
        .doc('fixed-id-1')
        .update({
          data: {
            nested: _.set({ replaced: 1, at: c.db.serverDate() }),
            name: _.remove(),
            arr: _.pull(_.gt(3)),
            tags: _.addToSet('r'),
            n: _.max(100),
            a: _.min(1),
            b: _.rename('bb'),
          },
        })
    },
  },
  {
    step: 'update: pullAll + addToSet{each}',
    run: (c) =>
      x(c)
        .doc('fixed-id-1')
        .update({ data: { tags: c._.pullAll(['q']), arr: c._.addToSet({ $each: [7, 8] }) } }),
  },
  {
    step: 'update: unshift/pop/shift/push-each',
    run: (c) =>
      x(c)
        .doc(c.vars.first)
        .update({
          data: {
            arr: c._.unshift(0, -1),
            nested: { list: c._.push({ each: [3, 1, 2], position: 0, sort: 1, slice: 5 }) },
            tags: c._.pop(),
          },
        }),
  },
  {
    step: 'update: shift',
    run: (c) =>
      x(c)
        .doc(c.vars.first)
        .update({ data: { arr: c._.shift() } }),
  },
  { step: 'doc(fixed-id-1).get() after operator updates', run: (c) => x(c).doc('fixed-id-1').get() },
  {
    step: 'aggregate match/group/sort/project',
    run: (c) =>
      x(c)
        .aggregate()
        .match({ a: c._.gte(0) })
        .group({ _id: '$b', total: c.$.sum('$n'), cnt: c.$.sum(1), maxA: c.$.max('$a') })
        .sort({ total: -1 })
        .project({ total: 1, cnt: 1, maxA: 1, label: c.$.concat(['b=', '$_id']) })
        .end(),
  },
  {
    step: 'aggregate lookup/limit/skip/count',
    run: (c) =>
      x(c)
        .aggregate()
        .lookup({ from: 'orders', localField: '_id', foreignField: 'xid', as: 'orders' })
        .skip(0)
        .limit(3)
        .count('c')
        .end(),
  },
  {
    step: 'aggregate on missing collection (error shape)',
    run: (c) => c.db.collection('nope').aggregate().match({ a: 1 }).end(),
  },
  { step: 'doc(set-upsert-id).remove()', run: (c) => x(c).doc('set-upsert-id').remove() },
  { step: 'doc(missing).remove() -> removed 0', run: (c) => x(c).doc('no-such-id').remove() },
  { step: 'where().remove()', run: (c) => x(c).where({ name: 'alfred' }).remove() },
  {
    step: 'collection.update() without where',
    setup: async (c) => {
      await c.db.createCollection('tmp')
      await c.db.collection('tmp').add({ data: [{ v: 1 }, { v: 2 }] })
    },
    run: (c) => c.db.collection('tmp').update({ data: { v: 0 } }),
  },
  {
    step: 'where().update({multi:false})',
    run: (c) =>
      c.db
        .collection('tmp')
        .where({ v: 0 })
        .update({ data: { v: 9 }, multi: false }),
  },
  { step: 'collection.remove() without where', run: (c) => c.db.collection('tmp').remove() },
  {
    step: 'runTransaction (get/update/set/remove/add)',
    setup: (c) => c.db.collection('orders').add({ data: { _id: 'o1', xid: 'fixed-id-1', amount: 10 } }),
    run: (c) =>
      c.db.runTransaction(async (t: any) => {
        const o = t.collection('orders')
        const seen = (await o.doc('o1').get()).data
        await o.doc('o1').update({ data: { amount: c._.inc(5) } })
        await o.doc('o2').set({ data: { amount: 1 } })
        await o.add({ data: { _id: 'o3', amount: 3 } })
        await o.doc('o3').remove()
        return { seen }
      }),
  },
  {
    step: 'runTransaction rollback(custom reason)',
    run: (c) =>
      c.db.runTransaction(async (t: any) => {
        await t
          .collection('orders')
          .doc('o1')
          .update({ data: { amount: 999 } })
        await t.rollback('custom-reason')
      }),
  },
  {
    step: 'runTransaction callback throws',
    run: (c) =>
      c.db.runTransaction(async (t: any) => {
        await t
          .collection('orders')
          .doc('o1')
          .update({ data: { amount: 999 } })
        throw new Error('user error in tx')
      }),
  },
  {
    // The capture injected the conflict; here another transaction really holds the document's lock.
    step: 'runTransaction with write conflict (SDK retries)',
    setup: async (c) => {
      await c.db.createCollection('__conflict')
      await c.db.collection('__conflict').add({ data: { _id: 'a', v: 0 } })
      c.vars.holder = await c.db.startTransaction()
      await c.vars.holder
        .collection('__conflict')
        .doc('a')
        .update({ data: { v: 5 } })
    },
    run: (c) =>
      c.db.runTransaction(async (t: any) => {
        await t
          .collection('__conflict')
          .doc('a')
          .update({ data: { v: 1 } })
      }),
    after: async (c) => {
      await c.vars.holder.rollback()
    },
  },
  {
    // Each attempt reads a document that a plain write then changes, so every commit conflicts (4 attempts).
    step: 'runTransaction with conflict at commit (SDK retries)',
    setup: async (c) => {
      await c.db.createCollection('__conflict_commit')
      await c.db.collection('__conflict_commit').add({ data: { _id: 'c', v: 0 } })
      c.vars.attempts = 0
    },
    run: (c) =>
      c.db.runTransaction(async (t: any) => {
        c.vars.attempts++
        await t.collection('__conflict_commit').doc('c').get()
        await c.db
          .collection('__conflict_commit')
          .doc('c')
          .update({ data: { v: c._.inc(1) } })
        await t.collection('__conflict_commit').add({ data: { v: 1 } })
      }),
  },
  {
    step: 'startTransaction: get',
    setup: async (c) => {
      c.vars.tx = await c.db.startTransaction()
    },
    run: (c) => c.vars.tx.collection('orders').doc('o1').get(),
  },
  {
    step: 'startTransaction: update',
    run: (c) =>
      c.vars.tx
        .collection('orders')
        .doc('o1')
        .update({ data: { amount: c._.inc(1) } }),
  },
  {
    step: 'startTransaction: set',
    run: (c) =>
      c.vars.tx
        .collection('orders')
        .doc('o4')
        .set({ data: { amount: 4 } }),
  },
  { step: 'startTransaction: remove', run: (c) => c.vars.tx.collection('orders').doc('o2').remove() },
  {
    step: 'startTransaction: doc().delete() (not in wx-server-sdk DocumentReference)',
    run: async (c) => {
      const tx = c.vars.tx
      return tx.collection('orders').doc('o2').delete()
    },
  },
  {
    step: 'startTransaction: where().get() inside tx',
    run: (c) =>
      c.vars.tx
        .collection('orders')
        .where({ amount: c._.gt(0) })
        .get(),
  },
  {
    step: 'startTransaction: count() inside tx (sent without transactionId)',
    run: (c) => c.vars.tx.collection('orders').count(),
  },
  { step: 'startTransaction: commit', run: (c) => c.vars.tx.commit() },
  {
    step: 'startTransaction #2: update then rollback',
    run: async (c) => {
      c.vars.tx2 = await c.db.startTransaction()
      await c.vars.tx2
        .collection('orders')
        .doc('o1')
        .update({ data: { amount: -1 } })
      return c.vars.tx2.rollback()
    },
  },
  { step: 'orders after transactions', run: (c) => c.db.collection('orders').orderBy('_id', 'asc').get() },
  { step: 'commit after rollback (finished tx)', run: (c) => c.vars.tx2.commit() },
  {
    step: 'cloud.database({env}) targets another env',
    run: (c) => c.cloud.database({ env: 'other-env' }).collection('x').get(),
  },
  {
    step: 'cloud.database({throwOnNotFound:false}) doc(missing).get()',
    run: (c) => c.cloud.database({ throwOnNotFound: false }).collection('x').doc('no-such-id').get(),
  },
  {
    step: 'HTTP 500 with text body',
    setup: (c) => fault(c, { action: 'database.getDocument', status: 500, body: 'stub: injected http 500' }),
    run: (c) => c.db.collection('__http500').get(),
  },
  {
    step: 'HTTP 502 with JSON body',
    setup: (c) =>
      fault(c, {
        action: 'database.getDocument',
        status: 502,
        body: '{"message":"bad gateway"}',
        contentType: 'application/json',
      }),
    run: (c) => c.db.collection('__http502json').get(),
  },
]

/** Arms the emulator's fault switch over HTTP, as a test outside the process would. */
async function fault(c: StepCtx, f: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${c.emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(f) })
  if (!r.ok) throw new Error(`fault switch answered ${r.status}`)
}

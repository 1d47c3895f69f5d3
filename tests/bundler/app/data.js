// The app's data and queries, shared with the test (which scores them by hand): 20 points with
// small integer vectors in a 4-d Dot collection, so every similarity is an exact integer.
export const COLLECTION = "shop";
export const COLORS = ["red", "green", "blue"];

export const points = Array.from({ length: 20 }, (_, k) => {
  const id = k + 1;
  return {
    id,
    vector: [id % 4, (id * 3) % 5, (id * 2) % 7, id % 3],
    payload: { color: COLORS[id % 3], price: id },
  };
});

// price ≥ 4 and not blue.
export const filter = {
  must: [{ key: "price", range: { gte: 4 } }],
  must_not: [{ key: "color", match: { value: "blue" } }],
};

// best_score recommend: examples by id (7 positive, 20 negative) and as a raw vector.
export const recommend = { positive: [7, [0, 2, 1, 3]], negative: [20], strategy: "best_score" };
export const recommendLimit = 8;

export const nearest = [0, 1, 2, 4];
export const nearestLimit = 4;

from fastapi import FastAPI

app = FastAPI()


@app.get("/orders/{order_id}")
async def get_order(order_id: int):
    return {"id": order_id, "status": "shipped"}

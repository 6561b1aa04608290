from django.http import JsonResponse
from django.urls import path


def get_order(request, order_id):
    return JsonResponse({"id": order_id, "status": "shipped"})


urlpatterns = [path("orders/<int:order_id>", get_order)]
